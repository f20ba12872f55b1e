/**
 * dist/cli.js: what bin/gradient-doctor.js runs, and the script of `check`'s worker threads. It
 * runs the CLI bundle beside it (dist/cliMain.js) through the V8 code cache (codeCache.ts), so that
 * neither the process nor each worker compiles the bundle from source; the main thread writes the
 * cache when the run is over if it found none it could use.
 */
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { codeCacheDir, runBundle } from './codeCache';

const loaded = runBundle(join(__dirname, 'cliMain.js'), codeCacheDir());
if (isMainThread) process.once('exit', () => loaded.saveCache());
