/**
 * The analysis of one file of `check`. The same function runs in the main thread
 * (`--concurrency 1`) and in worker threads (checkWorkers.ts), so its input and outcome are plain
 * data that cross threads as they are.
 */
import { resolve } from 'node:path';
import { analyze, mentionsTfjs } from '../engine/analyze';
import type { ImporterText } from '../engine/extract/context';
import type { Finding } from '../engine/findings';
import { BATCH_SETTINGS } from '../engine/settings';

export interface FileToCheck {
  /** As collected (collectSourceFiles), not yet resolved. */
  path: string;
  text: string;
  /** The checked files that import this one: their calls of its factories are call sites too. */
  importers: ImporterText[];
}

/** The findings, with the note stderr shows when a tfjs file was skipped or cut short; or why the analysis failed. */
export type FileOutcome = { findings: Finding[]; note?: string } | { error: string };

export function checkFile(file: FileToCheck, readFile: (path: string) => string): FileOutcome {
  try {
    const result = analyze(file.text, resolve(file.path), BATCH_SETTINGS, { readFile, importers: file.importers });
    const note = mentionsTfjs(file.text) ? (result.skipped ?? result.incomplete) : undefined;
    return { findings: result.findings, ...(note && { note }) };
  } catch (error) {
    return { error: (error as Error).message ?? String(error) };
  }
}
