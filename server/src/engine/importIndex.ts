/**
 * Which workspace files import which, from a cheap text scan of their relative specifiers
 * (`from './models'`, `require('../models')`, `import('./models')`): the reverse of the imports
 * extraction follows, so that a factory's file can be analysed with the calls of the files that
 * import it (ExtractOptions.importers). A specifier in a comment or string may count too: that
 * only makes a file a candidate, and extraction reads its real import declarations. Bounded: at
 * most `maxFiles` files are indexed, and a file lists at most MAX_SPECIFIERS specifiers.
 */
import type { ImporterText } from './extract/context';
import { DECLARES_SUBCLASS } from './extract/modifiers';
import { asRelative, specifierReaches, specifierTargets } from './extract/specifiers';

/** At most this many importers are handed to one analysis (each is parsed). */
export const MAX_IMPORTERS = 32;
const MAX_SPECIFIERS = 256;

const RELATIVE_SPECIFIER = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"\r\n]{0,300})\1/g;

/**
 * A worker thread's entry file (`new Worker('./train-worker.js')`, `new Worker(path.join(__dirname,
 * 'train-worker.js'))`, `new Worker(new URL('./train-worker.mjs', import.meta.url))`): the starter
 * sends its `workerData`, so it counts as an importer of that file (extract/importerCalls.ts workerDataOfStarters).
 */
const WORKER_ENTRY = /\bnew\s+Worker\s*\(\s*(?:(?:path\.)?(?:join|resolve)\(\s*__dirname\s*,\s*|new\s+URL\(\s*)?(['"])((?:\.{1,2}\/)?[^'"\r\n/][^'"\r\n]{0,300})\1/g;

/** The relative module specifiers a text mentions, each once, in order. */
export function relativeSpecifiers(text: string): string[] {
  const hasWorker = text.includes('Worker');
  if (!text.includes('./') && !hasWorker) return [];
  const found = new Set<string>();
  for (const match of text.matchAll(RELATIVE_SPECIFIER)) {
    found.add(match[2]);
    if (found.size >= MAX_SPECIFIERS) return [...found];
  }
  if (hasWorker) for (const match of text.matchAll(WORKER_ENTRY)) if (found.size < MAX_SPECIFIERS) found.add(asRelative(match[2]));
  return [...found];
}

export class ImportIndex {
  /** Per indexed file that mentions relative specifiers: those specifiers. */
  private readonly specifiers = new Map<string, string[]>();

  constructor(private readonly maxFiles = 5000) {}

  /**
   * Indexes (or re-indexes) a file's text; returns its specifiers before the update, so that the
   * caller can tell which files it stopped or started importing.
   */
  update(fileName: string, text: string): string[] {
    const before = this.specifiers.get(fileName) ?? [];
    const found = relativeSpecifiers(text);
    if (found.length === 0) this.specifiers.delete(fileName);
    else if (this.specifiers.has(fileName) || this.specifiers.size < this.maxFiles) this.specifiers.set(fileName, found);
    return before;
  }

  /** Forgets a deleted file; returns its specifiers. */
  remove(fileName: string): string[] {
    const before = this.specifiers.get(fileName) ?? [];
    this.specifiers.delete(fileName);
    return before;
  }

  /** The relative specifiers an indexed file mentions. */
  importsOf(fileName: string): readonly string[] {
    return this.specifiers.get(fileName) ?? [];
  }

  /** The indexed files that may import `target` (at most MAX_IMPORTERS, in indexing order). */
  importersOf(target: string): string[] {
    const importers: string[] = [];
    for (const [fileName, specifiers] of this.specifiers) {
      if (fileName === target || !reachesAny(fileName, specifiers, target)) continue;
      importers.push(fileName);
      if (importers.length >= MAX_IMPORTERS) break;
    }
    return importers;
  }

  /**
   * importersOf for every file at once, from one pass over the index: what a run over a whole
   * workspace needs (`check`), where asking importersOf for each file costs files x files.
   */
  allImporters(): (target: string) => string[] {
    const byTarget = new Map<string, string[]>();
    for (const [fileName, specifiers] of this.specifiers) {
      for (const target of new Set(specifiers.flatMap((specifier) => specifierTargets(fileName, specifier)))) {
        if (target === fileName) continue;
        const importers = byTarget.get(target);
        if (!importers) byTarget.set(target, [fileName]);
        else if (importers.length < MAX_IMPORTERS) importers.push(fileName);
      }
    }
    return (target) => byTarget.get(target) ?? [];
  }

  get size(): number {
    return this.specifiers.size;
  }
}

/** Whether any of these specifiers, written in `fromFile`, can name `target`. */
export function reachesAny(fromFile: string, specifiers: readonly string[], target: string): boolean {
  return specifiers.some((specifier) => specifierReaches(fromFile, specifier, target));
}

/** `export * from './x'`, `export { a as b } from './x'`: the specifiers a barrel re-exports. */
const RE_EXPORT = /\bexport\s*(?:type\s*)?(?:\*(?:\s*as\s+[\w$]+)?|\{[^}]*\})\s*from\s*(['"])(\.{1,2}\/[^'"\r\n]{0,300})\1/g;

/** Barrels followed from the analysed file to the files that call through them. */
const MAX_BARREL_DEPTH = 2;

/**
 * The files that import `target`, with their texts, and, through a barrel that re-exports it
 * (`models/index.ts` with `export * from './factory'`), the files that import the barrel: their
 * calls of the factory are call sites too (extract/importerCalls.ts maps the names through the
 * barrel). So with a file that declares a subclass (`class KioskTrainer extends TransferTrainer`):
 * the files that import it and construct it run the target's class. And for an importer that is a
 * worker thread's entry, the files that start it. At most MAX_IMPORTERS files, barrels at most
 * MAX_BARREL_DEPTH deep.
 */
export function importersThroughBarrels(target: string, importersOf: (fileName: string) => readonly string[], textOf: (fileName: string) => string | undefined): ImporterText[] {
  const found: ImporterText[] = [];
  const seen = new Set([target]);
  let reExported = [target];
  for (let depth = 0; depth <= MAX_BARREL_DEPTH && reExported.length > 0; depth++) {
    const barrels: string[] = [];
    for (const reached of reExported) {
      for (const fileName of importersOf(reached)) {
        if (seen.has(fileName) || found.length >= MAX_IMPORTERS) continue;
        seen.add(fileName);
        const text = textOf(fileName);
        if (text === undefined) continue;
        found.push({ fileName, text });
        if (DECLARES_SUBCLASS.test(text) || [...text.matchAll(RE_EXPORT)].some((match) => specifierReaches(fileName, match[2], reached))) barrels.push(fileName);
      }
    }
    reExported = barrels;
  }
  // A worker thread's entry among them (`const lr = workerData.lr ?? 0.05` in worker.mjs): the
  // files that start it send the data and the messages its calls of the target read.
  for (const worker of found.filter(({ text }) => WORKER_DATA.test(text))) {
    for (const fileName of importersOf(worker.fileName)) {
      if (seen.has(fileName) || found.length >= MAX_IMPORTERS) continue;
      const text = textOf(fileName);
      if (text === undefined || !WORKER_ENTRY_TEST.test(text)) continue;
      seen.add(fileName);
      found.push({ fileName, text });
    }
  }
  return found;
}

/** A file that reads the data or the messages a worker thread's starter sends. */
const WORKER_DATA = /\b(?:workerData|parentPort)\b/;

/** A file that may start a worker thread. */
const WORKER_ENTRY_TEST = /\bnew\s+Worker\s*\(/;
