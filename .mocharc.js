// Shared by every suite. `jobs` counts only where a suite runs with --parallel (the unit suite,
// whose ~130 files share no state): one worker per core, where mocha's default leaves one idle.
const { availableParallelism } = require('node:os');

module.exports = {
  require: ['tsx/cjs'],
  extension: ['ts'],
  timeout: 30000,
  jobs: availableParallelism(),
};
