/**
 * The realistic fixture corpus (test/fixtures/real-world/): reading each program's declared
 * expectation, analysing it with the engine as the CLI would, and comparing. Shared by
 * `npm run corpus` (scripts/corpus.ts) and the table test (test/unit/corpus/realWorld.test.ts),
 * so the number in the README and the test verdict come from the same comparison.
 *
 * Expectation format: the first line of every fixture is
 *   // expect: none
 *   // expect: rule-a, rule-b@42
 * `rule@line` pins the warning to a 1-based line; a bare rule accepts any line. Only findings of
 * severity warning or error count (hints and infos are advice, not alarms).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/engine/analyze';
import type { ImporterText } from '../../server/src/engine/extract/context';
import { RULE_IDS } from '../../server/src/engine/findings';
import { LineMap } from '../../server/src/engine/lineMap';
import { BATCH_SETTINGS } from '../../server/src/engine/settings';
import { importersAmong } from '../../server/src/cli/workspaceFiles';
import { SOURCE, sourceFilesUnder } from './sourceFiles';

export const CORPUS_DIR = path.resolve(__dirname, '../fixtures/real-world');
export const KNOWN_GAPS_FILE = path.join(CORPUS_DIR, 'known-gaps.json');

/** Rules a fixture may name: the engine's; anything else is a typo. */
const NAMEABLE_RULES: ReadonlySet<string> = new Set<string>(RULE_IDS);

export interface Expectation {
  rule: string;
  /** 1-based line the warning must start on; undefined accepts any line. */
  line?: number;
}

export interface Warning {
  rule: string;
  /** 1-based line where the finding's range starts. */
  line: number;
  message: string;
}

export interface FixtureOutcome {
  name: string;
  expected: Expectation[];
  warnings: Warning[];
  /** Warnings that match no expectation: false alarms. */
  unexpected: Warning[];
  /** Expectations no warning matches: misses. */
  missed: Expectation[];
  /** Set when the engine did not analyse the file (too large, no tfjs import seen...). */
  skipped?: string;
}

const EXPECT_LINE = /^\/\/\s*expect:\s*(.*?)\s*$/;

/** The expectation declared on the first line of a fixture; throws on a missing or malformed header. */
export function parseExpectations(text: string, name: string): Expectation[] {
  const firstLine = text.split('\n', 1)[0].replace(/\r$/, '');
  const header = EXPECT_LINE.exec(firstLine);
  if (!header) throw new Error(`${name}: the first line must be "// expect: none" or "// expect: rule[, rule@line...]"`);
  if (header[1] === 'none') return [];
  return header[1].split(',').map((entry) => {
    const match = /^([a-z-]+)(?:@(\d+))?$/.exec(entry.trim());
    if (!match) throw new Error(`${name}: cannot read expectation "${entry.trim()}"`);
    if (!NAMEABLE_RULES.has(match[1])) throw new Error(`${name}: "${match[1]}" is not a rule id`);
    return match[2] === undefined ? { rule: match[1] } : { rule: match[1], line: Number(match[2]) };
  });
}

/**
 * Every program file: the corpus's top-level files, and the files of multi-file programs, one
 * folder each (`folder/file.ts`), whose files import one another as a workspace's would.
 */
export function fixtureNames(): string[] {
  const names: string[] = [];
  for (const entry of fs.readdirSync(CORPUS_DIR, { withFileTypes: true })) {
    if (entry.isFile() && SOURCE.test(entry.name)) names.push(entry.name);
    else if (entry.isDirectory()) names.push(...sourceFilesUnder(path.join(CORPUS_DIR, entry.name)).map((file) => path.relative(CORPUS_DIR, file).split(path.sep).join('/')));
  }
  return names.sort();
}

/** Fixture name -> the engine mechanism whose absence makes it fail on current main. */
export function knownGaps(): Record<string, string> {
  return JSON.parse(fs.readFileSync(KNOWN_GAPS_FILE, 'utf8')) as Record<string, string>;
}

/**
 * The files of a fixture's program that import it, with their texts: the engine analyses a file
 * with its importers' calls, as the CLI does with the files it checks (engine/importIndex.ts). A
 * program is a top-level folder of the corpus, sub-folders included; a single-file fixture's
 * program is the corpus folder's own files.
 */
function importersInFolder(fileName: string): ImporterText[] {
  const relative = path.relative(CORPUS_DIR, path.resolve(fileName)).split(path.sep);
  const inProgramFolder = relative.length > 1 && !relative[0].startsWith('..');
  const program = inProgramFolder ? { folder: path.join(CORPUS_DIR, relative[0]), nested: true } : { folder: path.dirname(path.resolve(fileName)), nested: false };
  return importersOfProgram(program.folder, program.nested)(path.resolve(fileName));
}

/**
 * The importers among a program's files (the folder's own files, or with `nested` its sub-folders'
 * too), found as `check` finds them among the files it is given. Built once per program: the
 * single-file fixtures share one program of thousands of files, and indexing it again for each of
 * them cost more than analysing them.
 */
const importerIndexes = new Map<string, (fileName: string) => ImporterText[]>();
function importersOfProgram(folder: string, nested: boolean): (fileName: string) => ImporterText[] {
  const key = `${nested}\u0000${folder}`;
  let importersOf = importerIndexes.get(key);
  if (!importersOf) {
    const files = nested ? sourceFilesUnder(folder) : fs.readdirSync(folder).filter((file) => SOURCE.test(file)).map((file) => path.join(folder, file));
    importersOf = importersAmong(new Map(files.map((file) => [file, fs.readFileSync(file, 'utf8')])));
    importerIndexes.set(key, importersOf);
  }
  return importersOf;
}

/** What a fixture's analysis reads around it, as `check` of its folder would: imports, importers. */
export function corpusWorkspace(fileName: string): { readFile: (fileName: string) => string | undefined; importers: ImporterText[] } {
  return { readFile: readCorpusFile, importers: importersInFolder(fileName) };
}

/** Imports between fixtures resolve inside the corpus directory only, as a workspace would. */
function readCorpusFile(fileName: string): string | undefined {
  const inside = path.resolve(fileName).startsWith(CORPUS_DIR + path.sep);
  return inside && fs.existsSync(fileName) && fs.statSync(fileName).isFile() ? fs.readFileSync(fileName, 'utf8') : undefined;
}

function matches(expectation: Expectation, warning: Warning): boolean {
  return expectation.rule === warning.rule && (expectation.line === undefined || expectation.line === warning.line);
}

/** The expectation a fixture declares, without analysing it. */
export function fixtureExpectations(name: string): Expectation[] {
  return parseExpectations(fs.readFileSync(path.join(CORPUS_DIR, name), 'utf8'), name);
}

/** Analyses one fixture from scratch with the default settings and compares with its header. */
export function evaluateFixture(name: string): FixtureOutcome {
  const fileName = path.join(CORPUS_DIR, name);
  const text = fs.readFileSync(fileName, 'utf8');
  const expected = parseExpectations(text, name);
  const result = analyze(text, fileName, BATCH_SETTINGS, { cache: null, ...corpusWorkspace(fileName) });
  const lines = new LineMap(text);
  const warnings = result.findings
    .filter((finding) => finding.severity === 'warning' || finding.severity === 'error')
    .map((finding) => ({ rule: finding.rule, line: lines.positionAt(finding.span.start).line + 1, message: finding.message }));
  return {
    name,
    expected,
    warnings,
    unexpected: warnings.filter((warning) => !expected.some((expectation) => matches(expectation, warning))),
    missed: expected.filter((expectation) => !warnings.some((warning) => matches(expectation, warning))),
    ...(result.skipped ? { skipped: result.skipped } : {}),
  };
}

export function passes(outcome: FixtureOutcome): boolean {
  return outcome.unexpected.length === 0 && outcome.missed.length === 0;
}

export function describeExpectation(expectation: Expectation): string {
  return expectation.line === undefined ? expectation.rule : `${expectation.rule}@${expectation.line}`;
}

export interface CorpusTotals {
  fixtures: number;
  /** Fixtures that get exactly their expected warnings, known gaps excluded. */
  passing: number;
  knownGaps: number;
  /** Known gaps that pass now and must leave known-gaps.json. */
  fixedGaps: string[];
  healthy: number;
  healthyClean: number;
  sick: number;
  sickExact: number;
  warnings: number;
  rightWarnings: number;
  expectations: number;
  foundExpectations: number;
}

export function totals(outcomes: FixtureOutcome[], gaps: Record<string, string>): CorpusTotals {
  const healthy = outcomes.filter((outcome) => outcome.expected.length === 0);
  const sick = outcomes.filter((outcome) => outcome.expected.length > 0);
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  return {
    fixtures: outcomes.length,
    passing: outcomes.filter((outcome) => passes(outcome) && !(outcome.name in gaps)).length,
    knownGaps: outcomes.filter((outcome) => outcome.name in gaps).length,
    fixedGaps: outcomes.filter((outcome) => passes(outcome) && outcome.name in gaps).map((outcome) => outcome.name),
    healthy: healthy.length,
    healthyClean: healthy.filter((outcome) => outcome.warnings.length === 0).length,
    sick: sick.length,
    sickExact: sick.filter(passes).length,
    warnings: sum(outcomes.map((outcome) => outcome.warnings.length)),
    rightWarnings: sum(outcomes.map((outcome) => outcome.warnings.length - outcome.unexpected.length)),
    expectations: sum(outcomes.map((outcome) => outcome.expected.length)),
    foundExpectations: sum(outcomes.map((outcome) => outcome.expected.length - outcome.missed.length)),
  };
}
