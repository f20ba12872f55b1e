/**
 * `gradient-doctor check [paths...] [--format text|json|sarif] [--max-warnings N] [--concurrency N|auto|off]`
 * (DESIGN section 7). Exit 0 when clean; 1 when an error is found, or any warning (more than N with
 * --max-warnings); 2 for usage or internal errors. info and hint findings never fail a build.
 * Files are analysed on several threads (`--concurrency`, concurrency.ts); the output does not depend on it.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CheckedFile } from './checkedFile';
import { checkFile, type FileOutcome, type FileToCheck } from './checkFile';
import { checkInThreads } from './checkWorkers';
import { parseConcurrency, threadsFor, type Concurrency } from './concurrency';
import { EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, UsageError, type CliIO } from './io';
import { jsonReport } from './jsonReport';
import { formatSarif } from './sarif';
import { displayPath } from './sourceFiles';
import { textReport } from './textReport';
import { importersAmong, readGivenFiles } from './workspaceFiles';

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

export interface CheckOptions {
  paths: string[];
  format: Format;
  maxWarnings?: number;
  /** Threads that analyse files; 1 = the main thread alone. */
  concurrency: Concurrency;
}

export function parseCheckArgs(argv: string[]): CheckOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { format: { type: 'string' }, 'max-warnings': { type: 'string' }, concurrency: { type: 'string' } }, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const format = parsed.values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not '${format}'`);
  const maxWarningsText = parsed.values['max-warnings'];
  if (maxWarningsText !== undefined && !/^\d+$/.test(maxWarningsText)) {
    throw new UsageError(`--max-warnings needs a whole number >= 0, not '${maxWarningsText}'`);
  }
  return {
    paths: parsed.positionals.length > 0 ? parsed.positionals : ['.'],
    format: format as Format,
    maxWarnings: maxWarningsText === undefined ? undefined : Number(maxWarningsText),
    concurrency: parseConcurrency(parsed.values.concurrency),
  };
}

export async function runCheck(argv: string[], io: CliIO): Promise<number> {
  const options = parseCheckArgs(argv);
  const files: CheckedFile[] = [];
  const { texts, failed: unread } = readGivenFiles(options.paths, io);
  let failed = unread;
  const importers = importersAmong(texts);
  const toCheck: FileToCheck[] = [...texts].map(([path, text]) => ({ path, text, importers: importers(resolve(path)) }));
  const report = (file: FileToCheck, outcome: FileOutcome): void => {
    const shown = displayPath(file.path);
    if ('error' in outcome) {
      io.stderr(`${shown}: ${outcome.error}\n`);
      failed = true;
      return;
    }
    if (outcome.note) io.stderr(`${shown}: ${outcome.note}\n`);
    files.push({ path: shown, text: file.text, findings: outcome.findings });
  };
  const threads = threadsFor(options.concurrency, toCheck.length);
  const checkHere = (file: FileToCheck): FileOutcome => checkFile(file, io.readFile);
  if (threads > 1 && io.workerScript) await checkInThreads(toCheck, threads, io.workerScript, checkHere, report);
  else for (const file of toCheck) report(file, checkHere(file));

  if (options.format === 'json') io.stdout(`${JSON.stringify(jsonReport(files), null, 2)}\n`);
  else if (options.format === 'sarif') io.stdout(`${JSON.stringify(formatSarif(files), null, 2)}\n`);
  else io.stdout(textReport(files));

  if (failed) return EXIT_ERROR;
  return exitCodeFor(files, options.maxWarnings);
}

export function exitCodeFor(files: readonly CheckedFile[], maxWarnings: number | undefined): number {
  const findings = files.flatMap((file) => file.findings);
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const warnings = findings.filter((finding) => finding.severity === 'warning').length;
  if (errors > 0 || warnings > (maxWarnings ?? 0)) return EXIT_FINDINGS;
  return EXIT_CLEAN;
}
