/**
 * How `check` and `fix` see the workspace around a file: imported files are read (never run), so
 * models built by helpers in other files are understood, and the other given files that import
 * it lend their calls of its factories as call sites. Both commands analyse a file alike.
 */
import { resolve } from 'node:path';
import type { ImporterText } from '../engine/extract/context';
import { ImportIndex, importersThroughBarrels } from '../engine/importIndex';
import type { CliIO } from './io';
import { collectSourceFiles, displayPath } from './sourceFiles';

/** The text of every source file under `paths`; a file that cannot be read is reported on stderr and counts as a failure. */
export function readGivenFiles(paths: readonly string[], io: CliIO): { texts: Map<string, string>; failed: boolean } {
  const texts = new Map<string, string>();
  let failed = false;
  for (const path of collectSourceFiles(paths)) {
    try {
      texts.set(path, io.readFile(path));
    } catch (error) {
      io.stderr(`${displayPath(path)}: ${(error as Error).message ?? String(error)}\n`);
      failed = true;
    }
  }
  return { texts, failed };
}

/** The given files that import a file, with their texts: their calls of its factories are call sites too. */
export function importersAmong(texts: ReadonlyMap<string, string>): (fileName: string) => ImporterText[] {
  const index = new ImportIndex(Infinity);
  const byName = new Map<string, string>();
  for (const [path, text] of texts) {
    index.update(resolve(path), text);
    byName.set(resolve(path), text);
  }
  const importersOf = index.allImporters();
  return (fileName) => importersThroughBarrels(fileName, importersOf, (importer) => byName.get(importer));
}
