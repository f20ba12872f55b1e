/**
 * `check` on worker threads (real workers running the built dist/cli.js): the same output and exit
 * code as a run in one thread, --concurrency validation, and a file that fails (to read, or by
 * killing its worker) costs only itself.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheck } from '../../../server/src/cli/check';
import { parseConcurrency, threadsFor } from '../../../server/src/cli/concurrency';
import { UsageError, type CliIO } from '../../../server/src/cli/io';
import { SOURCE } from '../../helpers/sourceFiles';
import { BUILD_TIMEOUT_MS, ensureBuilt, REPO_ROOT } from '../../lsp/helpers/ensureBuilt';

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** Files whose stderr note says the analysis budget stopped them. */
function stoppedByBudget(stderr: string): string[] {
  return [...stderr.matchAll(/^(.+?): analysis stopped after gradientDoctor\.analysisBudgetMs/gm)].map((match) => match[1]);
}

/**
 * The examples, the model fixtures and one in eight of the realistic corpus's entries (files and
 * multi-file program folders, whole), in a fixed order: about 1,100 files. Every fixture made
 * the two runs 4 min 19 s of the unit suite's ~16 minutes (2026-12-07); a sample shows the same
 * thing, identical output on one thread and on three.
 */
function sampledPaths(): string[] {
  const realWorld = join(REPO_ROOT, 'test', 'fixtures', 'real-world');
  const sample = readdirSync(realWorld, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() || SOURCE.test(entry.name))
    .map((entry) => entry.name)
    .sort()
    .filter((_, index) => index % 8 === 0)
    .map((name) => join(realWorld, name));
  return [join(REPO_ROOT, 'examples'), join(REPO_ROOT, 'test', 'fixtures', 'models'), join(REPO_ROOT, 'test', 'fixtures', 'repair'), ...sample];
}

describe('cli check on worker threads', function () {
  // Two CLI runs over ~1,100 files beside the other test files' workers: a guard against a hang,
  // not a speed target.
  this.timeout(300_000);
  let workerScript: string;
  before(function () {
    this.timeout(BUILD_TIMEOUT_MS);
    workerScript = ensureBuilt('cli.js');
  });

  async function check(script: string | undefined, ...argv: string[]): Promise<Captured> {
    const captured = { stdout: '', stderr: '' };
    const io: CliIO = {
      stdout: (text) => (captured.stdout += text),
      stderr: (text) => (captured.stderr += text),
      readFile: (path) => readFileSync(path, 'utf8'),
      workerScript: script,
    };
    const code = await runCheck(argv, io);
    return { code, ...captured };
  }

  it('prints the same JSON, stderr and exit code on 1 and 3 threads (more than cores here) over the examples and a sample of the fixtures', async () => {
    const paths = sampledPaths();
    const sequential = await check(workerScript, ...paths, '--format', 'json', '--concurrency', '1');
    assert.equal(sequential.code, 1);
    const parallel = await check(workerScript, ...paths, '--format', 'json', '--concurrency', '3');
    assert.equal(parallel.code, sequential.code);
    // The analysis budget is wall-clock time: under load a cold thread's first analyses of the
    // slowest fixtures may stop at it in one run and not in the other. Those files are compared
    // in neither; everything else must be identical.
    const stopped = new Set([...stoppedByBudget(sequential.stderr), ...stoppedByBudget(parallel.stderr)]);
    assert.ok(stopped.size <= 5, `${[...stopped].join(', ')} stopped by the budget`);
    const [expected, actual] = [sequential, parallel].map((run) => ({
      findings: (JSON.parse(run.stdout) as { file: string }[]).filter((finding) => !stopped.has(finding.file)),
      stderr: run.stderr.split('\n').filter((line) => !stopped.has(line.split(': ')[0])),
    }));
    assert.ok(expected.findings.length > 100, 'the fixtures have findings');
    assert.deepEqual(actual, expected);
  });

  it('prints the same text and SARIF on worker threads as in one thread', async () => {
    const examples = join(REPO_ROOT, 'examples');
    for (const format of ['text', 'sarif']) {
      const sequential = await check(workerScript, examples, '--format', format, '--concurrency', 'off');
      assert.ok(sequential.stdout.includes('vanishing-gradient'));
      assert.deepEqual(await check(workerScript, examples, '--format', format, '--concurrency', '2'), sequential, format);
    }
  });

  it('parses --concurrency like ESLint 9: N, auto (also the default), off (= 1)', () => {
    assert.equal(parseConcurrency(undefined), 'auto');
    assert.equal(parseConcurrency('auto'), 'auto');
    assert.equal(parseConcurrency('off'), 1);
    assert.equal(parseConcurrency('1'), 1);
    assert.equal(parseConcurrency('12'), 12);
  });

  it('auto starts a thread per ~400 files, at most one per physical core (half the logical ones); N is taken as given', () => {
    assert.equal(threadsFor('auto', 500, 2), 1, 'two logical cores: threads do not pay');
    assert.equal(threadsFor('auto', 50, 16), 1, 'few files: the main thread alone');
    assert.equal(threadsFor('auto', 1_000, 16), 2);
    assert.equal(threadsFor('auto', 100_000, 16), 8);
    assert.equal(threadsFor(4, 500, 2), 4);
    assert.equal(threadsFor(12, 3, 2), 3, 'never more threads than files');
    assert.equal(threadsFor(3, 0, 2), 1);
  });

  it('rejects a --concurrency that is not a whole number >= 1, auto or off (exit 2 via UsageError)', async () => {
    for (const value of ['0', '-1', '1.5', 'many', '', 'Auto']) {
      await assert.rejects(
        check(workerScript, join(REPO_ROOT, 'examples'), `--concurrency=${value}`),
        (error: unknown) => error instanceof UsageError && /--concurrency needs a whole number >= 1, 'auto' or 'off', not/.test(error.message),
        value,
      );
    }
  });

  describe('a file that fails', () => {
    let dir: string;
    let socket: Server;
    let files: string[];
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'gd-workers-'));
      const sick = join(REPO_ROOT, 'examples', 'sick');
      files = ['deep-sigmoid-classifier.ts', 'sequence-forecaster.ts', 'wide-init-regressor.js'].map((name) => {
        copyFileSync(join(sick, name), join(dir, name));
        return join(dir, name);
      });
      // A socket exists and is not a directory, but cannot be read: a read error in the middle of the list.
      const unreadable = join(dir, 'unreadable.ts');
      socket = createServer();
      await new Promise<void>((resolve) => socket.listen(unreadable, resolve));
      files.splice(1, 0, unreadable);
    });
    after(() => {
      socket.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('that cannot be read is reported on stderr (exit 2) and the others are reported as in one thread', async () => {
      const sequential = await check(workerScript, ...files, '--format', 'json', '--concurrency', '1');
      assert.equal(sequential.code, 2);
      assert.match(sequential.stderr, /unreadable\.ts: /);
      const reported = new Set((JSON.parse(sequential.stdout) as { file: string }[]).map((finding) => finding.file));
      assert.equal(reported.size, 3, 'the three readable files');
      assert.deepEqual(await check(workerScript, ...files, '--format', 'json', '--concurrency', '2'), sequential);
    });

    it('whose worker dies is reported on stderr (exit 2); the files that worker held next are checked by a new one', async () => {
      // The real bundle as worker, except that it exits when handed the second file.
      const crashing = join(dir, 'crashing-worker.js');
      writeFileSync(
        crashing,
        `const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ file }) => { if (file.path.endsWith('sequence-forecaster.ts')) process.exit(7); });
require(${JSON.stringify(workerScript)});
`,
      );
      const readable = files.filter((file) => !file.endsWith('unreadable.ts'));
      const sequential = await check(workerScript, ...readable, '--format', 'json', '--concurrency', '1');
      const crashed = await check(crashing, ...readable, '--format', 'json', '--concurrency', '2');
      assert.equal(crashed.code, 2);
      assert.match(crashed.stderr, /sequence-forecaster\.ts: worker thread stopped: exit code 7\n$/);
      const expected = (JSON.parse(sequential.stdout) as { file: string }[]).filter((finding) => !finding.file.endsWith('sequence-forecaster.ts'));
      assert.ok(expected.length > 0);
      assert.deepEqual(JSON.parse(crashed.stdout), expected);
    });
  });
});
