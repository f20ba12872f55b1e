/**
 * Tests that run the bundles (dist/server.js, dist/cli.js) build them first when any source is
 * newer than the bundle, so `npm run test:lsp` alone never tests stale code.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..', '..');

const SOURCE_DIRS = ['server/src', 'client/src'];

/** Mocha timeout for hooks that may build: esbuild bundles everything, slow on a busy machine. */
export const BUILD_TIMEOUT_MS = 180_000;

export function ensureBuilt(bundle: 'server.js' | 'stdioServer.js' | 'cli.js'): string {
  const output = join(REPO_ROOT, 'dist', bundle);
  const builtAfter = (time: number): boolean => existsSync(output) && statSync(output).mtimeMs >= time;
  if (builtAfter(newestSource())) return output;
  // esbuild.js writes every bundle it can; a failure in an unrelated bundle (the webview, say)
  // must not stop these tests, a stale or missing bundle of ours must.
  const started = Date.now() - 1000; // file-system timestamps may be coarser than the clock
  const build = spawnSync(process.execPath, ['esbuild.js'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (!builtAfter(started)) throw new Error(`could not build dist/${bundle}:\n${build.stderr}`);
  return output;
}

function newestSource(): number {
  let newest = 0;
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of SOURCE_DIRS) visit(join(REPO_ROOT, dir));
  return newest;
}
