/**
 * Recent scans of importing files (importerCalls.ts), by importer file: while the user types in
 * the factory's file, each analysis gets the same importer texts, which are parsed once. Bounded;
 * the oldest entry goes first. A module of its own so that code that follows a model into an
 * importer (abandonedModels.ts) reads the parsed text without importing the importer-call walk.
 */
import type ts from 'typescript';
import type { ImporterScan } from './importerCalls';

interface CachedScan {
  text: string;
  mainFile: string;
  barrels: string;
  scan: ImporterScan | undefined;
}

const scans = new Map<string, CachedScan>();
/** How many importers' parses the caches keep. */
export const MAX_SCANS = 64;

export function cachedScan(importerFile: string): CachedScan | undefined {
  return scans.get(importerFile);
}

export function rememberScan(importerFile: string, cached: CachedScan): void {
  scans.delete(importerFile);
  if (scans.size >= MAX_SCANS) scans.delete(scans.keys().next().value!);
  scans.set(importerFile, cached);
}

/**
 * The parsed text of the importer a call site names (CallSite.importer.name, relative to
 * `mainFile`), while its scan is cached; undefined otherwise.
 */
export function importerSourceFile(mainFile: string, name: string): ts.SourceFile | undefined {
  for (const [fileName, known] of scans) if (known.mainFile === mainFile && known.scan && relativeName(mainFile, fileName) === name) return known.scan.sourceFile;
  return undefined;
}

/** `toFile` as a path from `fromFile`'s folder (`../train.ts`), as call sites name importers. */
export function relativeName(fromFile: string, toFile: string): string {
  const from = fromFile.split(/[\\/]/).slice(0, -1);
  const to = toFile.split(/[\\/]/);
  let shared = 0;
  while (shared < from.length && shared < to.length - 1 && from[shared] === to[shared]) shared++;
  return [...from.slice(shared).map(() => '..'), ...to.slice(shared)].join('/');
}
