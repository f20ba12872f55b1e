/** Source files of the repository's fixture folders, for the tests that run over all of them. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

export const SOURCE = /\.(ts|js|mjs|cjs|tsx|jsx)$/;

/** Every source file under `dir` (recursively); none when the folder does not exist. */
export function sourceFilesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFilesUnder(full);
    return SOURCE.test(entry.name) ? [full] : [];
  });
}

/** The model fixtures, the realistic corpus and the examples. */
export function corpusFiles(): string[] {
  return ['test/fixtures/models', 'test/fixtures/real-world', 'examples'].flatMap((dir) => sourceFilesUnder(path.join(ROOT, dir)));
}
