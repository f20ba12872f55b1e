/** The real `gradient-doctor` bin (bin/gradient-doctor.js -> dist/cli.js) as CI runs it: exit codes, output streams, `lsp --stdio`. */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createProtocolConnection, InitializeRequest, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { version } from '../../../package.json';
import { BUILD_TIMEOUT_MS, ensureBuilt, REPO_ROOT } from '../../lsp/helpers/ensureBuilt';

const BIN = join(REPO_ROOT, 'bin', 'gradient-doctor.js');
const SICK = join(REPO_ROOT, 'examples', 'sick');
const HEALTHY = join(REPO_ROOT, 'examples', 'healthy');

function run(...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
}

describe('gradient-doctor bin', function () {
  before(function () {
    this.timeout(BUILD_TIMEOUT_MS);
    ensureBuilt('cli.js');
  });

  it('exits 1 with findings for the sick examples, 0 for the healthy ones', () => {
    const sick = run('check', SICK, '--format', 'json');
    assert.equal(sick.status, 1, sick.stderr);
    const files = new Set((JSON.parse(sick.stdout) as { file: string }[]).map((finding) => finding.file));
    assert.deepEqual([...files].sort(), ['examples/sick/deep-sigmoid-classifier.ts', 'examples/sick/sequence-forecaster.ts', 'examples/sick/wide-init-regressor.js']);
    const healthy = run('check', HEALTHY);
    assert.equal(healthy.status, 0, healthy.stdout + healthy.stderr);
    assert.equal(healthy.stdout, '');
  });

  it('exits 2 with a message (no stack trace) for usage errors', () => {
    for (const args of [[], ['frobnicate'], ['check', 'no/such/dir'], ['check', SICK, '--format', 'xml'], ['check', SICK, '--max-warnings', '-1'], ['check', SICK, '--concurrency', '0']]) {
      const result = run(...args);
      assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /^gradient-doctor: [^]+\nRun 'gradient-doctor --help' for usage\.\n$/);
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
    }
  });

  it('prints --version and --help', () => {
    assert.equal(run('--version').stdout, `${version}\n`);
    const help = run('--help');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /gradient-doctor check \[paths\.\.\.\]/);
  });

  it('serves LSP over stdio with `lsp --stdio`', async () => {
    const child = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { cwd: REPO_ROOT });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.listen();
    try {
      const result = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
      assert.equal(result.serverInfo?.name, 'gradient-doctor');
      assert.ok(result.capabilities.codeActionProvider);
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});
