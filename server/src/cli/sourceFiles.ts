/**
 * The files `check` (and `fix`) analyse: each path as given, directories walked recursively for
 * JavaScript/TypeScript sources, skipping node_modules and hidden directories.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { UsageError } from './io';

const SOURCE_EXTENSION = /\.(ts|tsx|js|jsx|mjs|cjs)$/;

export function collectSourceFiles(paths: readonly string[]): string[] {
  const files = new Set<string>();
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      throw new UsageError(`no such file or directory: ${path}`);
    }
    if (isDirectory) walk(path, files);
    else files.add(path);
  }
  return [...files];
}

function walk(dir: string, files: Set<string>): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(path, files);
    } else if (entry.isFile() && SOURCE_EXTENSION.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      files.add(path);
    }
  }
}

/** How a file is named in reports: relative to the working directory when inside it, with `/`. */
export function displayPath(path: string, cwd: string = process.cwd()): string {
  const fromCwd = relative(cwd, path);
  const shown = fromCwd && !fromCwd.startsWith('..') ? fromCwd : path;
  return shown.split(sep).join('/');
}
