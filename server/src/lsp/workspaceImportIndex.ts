/**
 * The server's index of which workspace files import which (engine/importIndex.ts), so that a
 * factory's file is analysed with the calls of the files that import it. Built once by a bounded
 * scan of the workspace folders (source files only, no node_modules or hidden folders, at most
 * MAX_FILES files under the size limit; files are read, never run), then kept current from the
 * open documents' text, saves, closes and file-watcher events. Importers' texts are read when an
 * analysis asks for them: the editor's text when open (unsaved edits count), else the disk.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImporterText } from '../engine/extract/context';
import { ImportIndex, importersThroughBarrels, reachesAny } from '../engine/importIndex';

/** Files scanned at start and indexed at most. */
export const MAX_FILES = 5000;
const SOURCE_EXTENSION = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

export class WorkspaceImportIndex {
  private readonly index = new ImportIndex(MAX_FILES);

  /** `read`: a file's current text (open document or disk, within the size limit), or undefined. */
  constructor(private readonly read: (fileName: string) => string | undefined) {}

  /** Indexes every source file under the folders, one at a time, up to MAX_FILES files. */
  async scan(folders: readonly string[], maxFileSize: number): Promise<void> {
    let budget = MAX_FILES;
    const pending = [...folders];
    while (pending.length > 0 && budget > 0) {
      const dir = pending.shift()!;
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const entry of entries) {
        if (budget <= 0) break;
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) pending.push(path);
        } else if (entry.isFile() && SOURCE_EXTENSION.test(entry.name) && !entry.name.endsWith('.d.ts')) {
          budget--;
          const text = await readSmallFile(path, maxFileSize);
          if (text !== undefined) this.index.update(path, text);
        }
      }
    }
  }

  /**
   * Re-indexes a file from `text` (undefined: read it again, or forget it when it is gone);
   * returns a test of which files it imported before or imports now: their analyses may change.
   */
  update(fileName: string, text?: string): (target: string) => boolean {
    const current = text ?? this.read(fileName);
    const before = current === undefined ? this.index.remove(fileName) : this.index.update(fileName, current);
    const specifiers = [...before, ...this.index.importsOf(fileName)];
    // Through a barrel too: main.ts importing models/index.ts calls what models/factory.ts exports.
    return (target) => target !== fileName && (reachesAny(fileName, specifiers, target) || this.importersOf(target).some((importer) => importer.fileName === fileName));
  }

  hasImporters(fileName: string): boolean {
    return this.index.importersOf(fileName).length > 0;
  }

  /** The files that import `fileName` (also through barrels), with their current texts. */
  importersOf(fileName: string): ImporterText[] {
    return importersThroughBarrels(fileName, (target) => this.index.importersOf(target), this.read);
  }
}

async function readSmallFile(path: string, maxFileSize: number): Promise<string | undefined> {
  try {
    if ((await stat(path)).size > maxFileSize) return undefined;
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}
