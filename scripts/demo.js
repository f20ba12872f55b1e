#!/usr/bin/env node
// `npm run demo` (after the build): runs the real CLI on examples/, prints its findings, then one
// summary line per file. Exits 0 only when every file under examples/sick has findings and no
// file under examples/healthy has any; otherwise says which file broke the expectation.
// Usage: node scripts/demo.js [examples-dir]   (default: the repository's examples/)
const { spawnSync } = require('node:child_process');
const { readdirSync } = require('node:fs');
const { basename, dirname, join, relative, resolve, sep } = require('node:path');

const examples = resolve(process.argv[2] ?? join(__dirname, '..', 'examples'));
// The CLI runs next to the examples directory, so reports name files `examples/sick/...`.
const root = dirname(examples);
const cli = join(__dirname, '..', 'bin', 'gradient-doctor.js');
const SOURCE = /\.(ts|tsx|js|jsx|mjs|cjs)$/;

function runCli(format) {
  const result = spawnSync(process.execPath, [cli, 'check', basename(examples), '--format', format], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0 && result.status !== 1) {
    process.stderr.write(result.stderr);
    fail(`gradient-doctor check exited with ${result.status ?? result.signal} (usage or internal error)`);
  }
  return result;
}

function fail(reason) {
  console.error(`\ndemo FAILED: ${reason}`);
  process.exit(1);
}

function exampleFiles(kind) {
  return readdirSync(join(examples, kind), { recursive: true })
    .filter((name) => SOURCE.test(name))
    .map((name) => relative(root, join(examples, kind, name)).split(sep).join('/'))
    .sort();
}

const text = runCli('text');
process.stdout.write(text.stdout || '\n(no findings)\n');
const findings = JSON.parse(runCli('json').stdout);

const problems = [];
console.log('\nSummary');
for (const kind of ['sick', 'healthy']) {
  for (const file of exampleFiles(kind)) {
    const own = findings.filter((finding) => finding.file === file);
    const rules = [...new Set(own.map((finding) => finding.rule))];
    const expected = kind === 'sick' ? own.length > 0 : own.length === 0;
    const counted = `${own.length} finding${own.length === 1 ? '' : 's'}${rules.length ? ` (${rules.join(', ')})` : ''}`;
    console.log(`  ${expected ? '✔' : '✘'} ${file}: ${counted}`);
    if (!expected) problems.push(kind === 'sick' ? `${file} is a sick example but has no findings` : `${file} is a healthy example but has ${counted}`);
  }
}
if (problems.length > 0) fail(problems.join('; '));
console.log('\ndemo OK: every sick example has findings, no healthy example has any.');
