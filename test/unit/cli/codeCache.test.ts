/**
 * The CLI's V8 code cache (codeCache.ts): the real launcher dist/cli.js in fresh processes, with
 * the cache in a directory of the test's. A run writes the cache, the next one uses it unchanged,
 * and a corrupt, truncated, foreign or stale file is refused and written anew, never changing the
 * output nor crashing; older builds' files are removed, other installations' kept. A directory
 * others may write is not used.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheFileName, codeCacheDir, CODE_CACHE_ENV, packCache, unpackCache } from '../../../server/src/cli/codeCache';
import { BUILD_TIMEOUT_MS, ensureBuilt, REPO_ROOT } from '../../lsp/helpers/ensureBuilt';

const SICK = join(REPO_ROOT, 'examples', 'sick');

describe('cli code cache', function () {
  this.timeout(60_000);
  let cli: string;
  let root: string;
  let cacheDir: string;
  let expected: { status: number | null; stdout: string; stderr: string };

  function check(cache: string, ...extra: string[]) {
    const run = spawnSync(process.execPath, [cli, 'check', SICK, '--format', 'json', ...extra], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, [CODE_CACHE_ENV]: cache },
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  }

  function cacheFiles(dir = cacheDir): string[] {
    return readdirSync(dir).filter((name) => name.endsWith('.v8cache'));
  }

  /** The one cache file, its bytes and modification time. */
  function theCache(): { path: string; bytes: Buffer; mtimeMs: number } {
    const files = cacheFiles();
    assert.equal(files.length, 1, files.join(', '));
    const path = join(cacheDir, files[0]);
    return { path, bytes: readFileSync(path), mtimeMs: statSync(path).mtimeMs };
  }

  before(function () {
    this.timeout(BUILD_TIMEOUT_MS);
    cli = ensureBuilt('cli.js');
    root = mkdtempSync(join(tmpdir(), 'gd-code-cache-'));
    cacheDir = join(root, 'cache');
    expected = check('off');
    assert.equal(expected.status, 1, expected.stderr);
    assert.ok(expected.stdout.includes('vanishing-gradient'));
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  it('is written by the first run, in a directory only this user may write, and used unchanged by the next', () => {
    assert.deepEqual(check(cacheDir), expected);
    const written = theCache();
    assert.match(written.path, /cliMain-[0-9a-f]{8}-[0-9a-f]{16}\.v8cache$/);
    assert.ok(unpackCache(written.bytes), 'header and checksum hold');
    if (process.getuid) assert.equal(statSync(cacheDir).mode & 0o077, 0, 'private directory');
    assert.deepEqual(check(cacheDir), expected);
    const after = theCache();
    assert.equal(after.mtimeMs, written.mtimeMs, 'a cache V8 accepts is not written again');
    assert.ok(after.bytes.equals(written.bytes));
  });

  it('gives worker threads, started through the same launcher and cache, the output of one thread', () => {
    assert.deepEqual(check(cacheDir, '--concurrency', '3'), expected);
  });

  const damages: [string, (bytes: Buffer) => Buffer][] = [
    ['a flipped byte in the payload', (bytes) => Buffer.concat([bytes.subarray(0, 4000), Buffer.from([bytes[4000] ^ 0xff]), bytes.subarray(4001)])],
    ['a truncated file', (bytes) => bytes.subarray(0, bytes.length >> 1)],
    ['an empty file', () => Buffer.alloc(0)],
    ['another format', (bytes) => Buffer.concat([Buffer.from('not a cache'), bytes])],
    ['an intact file whose payload V8 rejects', (bytes) => packCache(Buffer.alloc(bytes.length >> 2, 7))],
  ];
  for (const [damage, damaged] of damages) {
    it(`refuses ${damage}, prints the same, and writes the cache anew`, () => {
      check(cacheDir);
      const good = theCache();
      writeFileSync(good.path, damaged(good.bytes));
      assert.deepEqual(check(cacheDir), expected);
      const rewritten = theCache();
      assert.equal(rewritten.path, good.path);
      assert.ok(unpackCache(rewritten.bytes), 'intact again');
      assert.deepEqual(check(cacheDir), expected);
      assert.equal(theCache().mtimeMs, rewritten.mtimeMs, 'and used');
    });
  }

  it("removes the caches of older builds of the bundle at this place when it writes this build's, and no other file", () => {
    const bundle = join(REPO_ROOT, 'dist', 'cliMain.js');
    const current = cacheFileName(bundle, readFileSync(bundle));
    const olderBuild = current.replace(/-[0-9a-f]{16}\.v8cache$/, '-0123456789abcdef.v8cache');
    // The same bundle installed elsewhere: a cache of its own, which this one must leave alone.
    const elsewhere = cacheFileName(join(root, 'elsewhere', 'cliMain.js'), Buffer.from('another build'));
    assert.notEqual(elsewhere.slice(0, 17), current.slice(0, 17));
    for (const name of cacheFiles()) rmSync(join(cacheDir, name));
    writeFileSync(join(cacheDir, olderBuild), packCache(Buffer.from('an older build')));
    writeFileSync(join(cacheDir, elsewhere), packCache(Buffer.from('bytecode of another installation')));
    writeFileSync(join(cacheDir, 'other-0123456789abcdef.v8cache'), 'not ours');
    assert.deepEqual(check(cacheDir), expected);
    assert.deepEqual(cacheFiles().sort(), [current, elsewhere, 'other-0123456789abcdef.v8cache'].sort());
  });

  it('is not used from a directory others may write, nor when turned off', function () {
    if (!process.getuid) this.skip(); // POSIX permissions
    const shared = join(root, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o777);
    assert.deepEqual(check(shared), expected);
    assert.deepEqual(cacheFiles(shared), []);
    for (const off of ['off', '0', 'false', 'OFF']) assert.equal(codeCacheDir({ [CODE_CACHE_ENV]: off }), undefined);
  });

  it('defaults to a directory of this user under the temporary directory, or the one the environment names', () => {
    const byDefault = codeCacheDir({});
    assert.ok(byDefault?.startsWith(join(tmpdir(), 'gradient-doctor-code-cache-')), byDefault);
    assert.equal(codeCacheDir({ [CODE_CACHE_ENV]: 'some/dir' }), join(process.cwd(), 'some', 'dir'));
  });

  it('reads back only what it packed', () => {
    const payload = Buffer.from('bytecode');
    assert.ok(unpackCache(packCache(payload))?.equals(payload));
    const packed = packCache(payload);
    packed[packed.length - 1] ^= 1;
    assert.equal(unpackCache(packed), undefined);
    assert.equal(unpackCache(packCache(Buffer.alloc(0))), undefined, 'an empty payload is no cache');
  });
});
