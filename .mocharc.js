// Shared by every suite. `jobs` counts only where a suite runs with --parallel (the unit suite,
// whose ~130 files share no state): one worker per core, where mocha's default leaves one idle.
// The analysis-budget test runs alone after it (test:budget): it times an analysis against a
// parse, and a worker on the other core can slow one and not the other.
const { availableParallelism } = require('node:os');

module.exports = {
  require: ['tsx/cjs'],
  extension: ['ts'],
  timeout: 30000,
  jobs: availableParallelism(),
};
