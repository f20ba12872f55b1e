/**
 * `gradient-doctor fix [paths...] [--dry-run]`: applies the preferred fix of every finding, like
 * `eslint --fix`. Each file is analysed, its preferred fixes combined (fixAllEdits) and applied,
 * and analysed again until nothing changes (fixes that overlapped wait for the next round);
 * then what changed and what is left is reported. `--dry-run` prints a unified diff instead of
 * writing. Exit 0 when nothing at or above warning is left, 1 otherwise, 2 for usage errors.
 */
import { parseArgs } from 'node:util';
import { createTwoFilesPatch } from 'diff';
import { resolve } from 'node:path';
import { analyze, mentionsTfjs, type AnalyzeOptions } from '../engine/analyze';
import type { Finding } from '../engine/findings';
import { applyEdits, fixAllEdits } from '../engine/fixes';
import { BATCH_SETTINGS, type Settings } from '../engine/settings';
import { EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, UsageError, type CliIO } from './io';
import { displayPath } from './sourceFiles';
import { importersAmong, readGivenFiles } from './workspaceFiles';

/** Enough for every chain of fixes we produce (a fix never creates an unbounded cascade). */
const MAX_ROUNDS = 10;

export interface FixOptions {
  paths: string[];
  dryRun: boolean;
}

export function parseFixArgs(argv: string[]): FixOptions {
  try {
    const parsed = parseArgs({ args: argv, options: { 'dry-run': { type: 'boolean' } }, allowPositionals: true });
    return { paths: parsed.positionals.length ? parsed.positionals : ['.'], dryRun: parsed.values['dry-run'] === true };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export interface FileFixOutcome {
  text: string;
  /** `rule: fix title` of every fix applied, in order. */
  applied: string[];
  /** Findings left after the last round. */
  remaining: Finding[];
}

/**
 * Applies preferred fixes to `text` until stable. Pure: no file system, but for what `workspace`
 * reads (imported files, importers' calls, as `check` analyses the file).
 */
export function fixText(text: string, fileName: string, settings: Settings = BATCH_SETTINGS, workspace: Pick<AnalyzeOptions, 'readFile' | 'importers'> = {}): FileFixOutcome {
  let current = text;
  const applied: string[] = [];
  let findings = analyze(current, fileName, settings, workspace).findings;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const edits = fixAllEdits(current, findings);
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    if (next === current) break;
    for (const finding of findings) {
      const fix = finding.fixes.find((candidate) => candidate.preferred);
      const taken = fix && fix.edits.length > 0 && fix.edits.every((edit) => edits.some((e) => e.start === edit.start && e.end === edit.end && e.newText === edit.newText));
      if (taken) applied.push(`${finding.rule}: ${fix.title}`);
    }
    current = next;
    findings = analyze(current, fileName, settings, workspace).findings;
  }
  return { text: current, applied, remaining: findings };
}

export async function runFix(argv: string[], io: CliIO): Promise<number> {
  const options = parseFixArgs(argv);
  if (!options.dryRun && !io.writeFile) throw new UsageError('this environment cannot write files; use --dry-run');
  let blocking = 0;
  let changedFiles = 0;
  const { texts, failed: unread } = readGivenFiles(options.paths, io);
  let failed = unread;
  const importers = importersAmong(texts);
  for (const [path, text] of texts) {
    const shown = displayPath(path);
    try {
      if (!mentionsTfjs(text)) continue;
      const outcome = fixText(text, resolve(path), BATCH_SETTINGS, { readFile: (fileName) => io.readFile(fileName), importers: importers(resolve(path)) });
      blocking += outcome.remaining.filter((finding) => finding.severity === 'error' || finding.severity === 'warning').length;
      if (outcome.text !== text) {
        changedFiles++;
        if (options.dryRun) io.stdout(createTwoFilesPatch(shown, shown, text, outcome.text, '', '', { context: 3 }));
        else io.writeFile!(path, outcome.text);
        io.stdout(`${shown}: ${options.dryRun ? 'would apply' : 'applied'} ${outcome.applied.length} fix${outcome.applied.length === 1 ? '' : 'es'}\n`);
        for (const line of outcome.applied) io.stdout(`  ${line}\n`);
      }
      for (const finding of outcome.remaining) io.stdout(`${shown}: ${finding.severity} ${finding.rule} (no automatic fix left): ${finding.message}\n`);
    } catch (error) {
      io.stderr(`${shown}: ${(error as Error).message ?? String(error)}\n`);
      failed = true;
    }
  }
  io.stdout(`${changedFiles} file${changedFiles === 1 ? '' : 's'} ${options.dryRun ? 'would change' : 'changed'}; ${blocking} warning${blocking === 1 ? '' : 's'} or errors left\n`);
  if (failed) return EXIT_ERROR;
  return blocking > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}
