/**
 * Runs a CommonJS bundle with a V8 code cache, so that neither a process nor each of `check`'s
 * worker threads compiles the multi-megabyte CLI bundle from source again. Node 20 has no
 * `module.enableCompileCache` (node 22): the bundle is compiled with vm.Script, and the bytecode V8
 * holds for it after a run (every function that run compiled, not only the top level) is kept in a
 * file of a private directory.
 *
 * The file's name holds a hash of the bundle and of node's and V8's versions, so a rebuilt bundle
 * or another node never meets a stale one; its payload carries a SHA-1 checked before V8 reads it
 * (release builds of V8 do not verify the payload: corrupt bytes could crash the process). Whatever
 * goes wrong (no file, a corrupt one, one V8 rejects, a directory that cannot be written) costs
 * only the compile: the bundle runs from its source, and the cache is written anew.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { Script } from 'node:vm';

/** `off` (or 0, false, no) disables the cache; any other value is the directory to keep it in. */
export const CODE_CACHE_ENV = 'GRADIENT_DOCTOR_CODE_CACHE';

const DISABLED = /^(off|0|false|no)$/i;
const MAGIC = Buffer.from('GDV8CC1\n');
const CHECKSUM_BYTES = 20;
const EXTENSION = '.v8cache';
const HASH_CHARS = 16;

/** How a load used the cache: not at all, none there yet, one refused (corrupt, or by V8), or one used. */
export type CacheUse = 'off' | 'missing' | 'refused' | 'used';

export interface LoadedBundle {
  cacheUse: CacheUse;
  /**
   * Writes the cache when this load could not use one. Called once the run is over, so that the
   * cache holds every function the run compiled; never throws.
   */
  saveCache(): void;
}

/**
 * The directory of the code cache, or undefined when it is disabled: GRADIENT_DOCTOR_CODE_CACHE's
 * directory, or by default one of this user's under the temporary directory (never the workspace).
 */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const setting = env[CODE_CACHE_ENV]?.trim();
  if (setting && DISABLED.test(setting)) return undefined;
  return setting ? resolve(setting) : join(tmpdir(), `gradient-doctor-code-cache-${process.getuid?.() ?? 'user'}`);
}

/** Runs the bundle at `bundlePath` as node would require it, compiled with the cache kept in `cacheDir` (none: no cache). */
export function runBundle(bundlePath: string, cacheDir: string | undefined): LoadedBundle {
  const bytes = readFileSync(bundlePath);
  const cacheFile = cacheDir && usableDirectory(cacheDir) ? join(cacheDir, cacheFileName(bundlePath, bytes)) : undefined;
  const cached = cacheFile ? readCache(cacheFile) : undefined;
  const cachedData = cached === 'corrupt' ? undefined : cached;
  const script = new Script(Module.wrap(bytes.toString('utf8')), { filename: bundlePath, cachedData });
  let cacheUse: CacheUse = 'off';
  if (cacheFile) cacheUse = cached === undefined ? 'missing' : cached === 'corrupt' || script.cachedDataRejected ? 'refused' : 'used';
  runWrapper(script, bundlePath);
  return {
    cacheUse,
    saveCache: () => {
      if (cacheFile && cacheUse !== 'used') writeCache(cacheFile, cachePrefix(bundlePath), script.createCachedData());
    },
  };
}

type ModuleWrapper = (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;

function runWrapper(script: Script, bundlePath: string): void {
  const bundleModule = new Module(bundlePath);
  bundleModule.filename = bundlePath;
  const wrapper = script.runInThisContext() as ModuleWrapper;
  wrapper.call(bundleModule.exports, bundleModule.exports, createRequire(bundlePath), bundleModule, bundlePath, dirname(bundlePath));
  bundleModule.loaded = true;
}

/**
 * `<bundle>-<where>-<what>.v8cache`: V8's data is valid only for this exact source (what), node and
 * V8; where (the bundle's path) keeps two installations' caches apart, so that neither removes the
 * other's as an older build.
 */
export function cacheFileName(bundlePath: string, bytes: Buffer): string {
  const what = createHash('sha1').update(`${process.version} ${process.versions.v8} ${process.arch}\n`).update(bytes).digest('hex');
  return `${cachePrefix(bundlePath)}${what.slice(0, HASH_CHARS)}${EXTENSION}`;
}

function cachePrefix(bundlePath: string): string {
  const where = createHash('sha1').update(resolve(bundlePath)).digest('hex');
  return `${basename(bundlePath, '.js')}-${where.slice(0, 8)}-`;
}

/**
 * Whether the cache may live in `dir`: created if absent, a real directory (not a link) that only
 * this user can write. Bytecode from a directory others can write would be code they chose.
 */
function usableDirectory(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stats = lstatSync(dir);
    if (!stats.isDirectory()) return false;
    const uid = process.getuid?.();
    return uid === undefined || (stats.uid === uid && (stats.mode & 0o022) === 0);
  } catch {
    return false;
  }
}

/** The cached data of an intact file; undefined when there is none. */
function readCache(file: string): Buffer | 'corrupt' | undefined {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return undefined;
  }
  return unpackCache(data) ?? 'corrupt';
}

/** The V8 payload of a cache file's bytes, or undefined unless header and checksum hold. */
export function unpackCache(data: Buffer): Buffer | undefined {
  const headerBytes = MAGIC.length + CHECKSUM_BYTES;
  if (data.length <= headerBytes || !data.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const payload = data.subarray(headerBytes);
  return checksum(payload).equals(data.subarray(MAGIC.length, headerBytes)) ? payload : undefined;
}

export function packCache(payload: Buffer): Buffer {
  return Buffer.concat([MAGIC, checksum(payload), payload]);
}

function checksum(payload: Buffer): Buffer {
  return createHash('sha1').update(payload).digest();
}

/**
 * Writes through a temporary file and a rename, so that a process starting meanwhile reads the
 * old file or the new one, never half of one; then removes the caches of older builds of the bundle
 * at this place.
 */
function writeCache(file: string, prefix: string, payload: Buffer): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, packCache(payload), { mode: 0o600 });
    renameSync(temporary, file);
    const dir = dirname(file);
    for (const name of readdirSync(dir)) {
      if (isOlderBuild(prefix, name) && name !== basename(file)) rmSync(join(dir, name), { force: true });
    }
  } catch {
    // A cache is an optimization: a read-only or full disk must not fail the command.
    try {
      rmSync(temporary, { force: true });
    } catch {
      // nothing more to do
    }
  }
}

/** A cache file of the same bundle at the same place (any build). */
function isOlderBuild(prefix: string, name: string): boolean {
  return name.startsWith(prefix) && name.endsWith(EXTENSION) && name.length === prefix.length + HASH_CHARS + EXTENSION.length;
}
