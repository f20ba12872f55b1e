/**
 * In-process engine benchmarks, each against `ts.createSourceFile` of the same text (the floor:
 * analysis includes parsing): full analysis at three sizes and on the realistic fixture corpus,
 * re-analysis after a one-character edit, and the pre-check on files that never mention tfjs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { analyze } from '../../server/src/engine/analyze';
import { ModelCache } from '../../server/src/engine/cache';
import { IncrementalParser } from '../../server/src/engine/incrementalParser';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/engine/settings';
import { compare, type Comparison } from './measure';
import { generateModelFile, generatePlainFile, lineCount } from './generate';

const FILE_NAME = 'bench.ts';
/** The whole file is analysed: the per-document budget would cut the largest sizes short. */
const UNBOUNDED: Settings = { ...DEFAULT_SETTINGS, analysisBudgetMs: 600_000 };

function parse(text: string, fileName = FILE_NAME): ts.SourceFile {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
}

export interface SizeRow extends Comparison {
  lines: number;
  models: number;
  findings: number;
  /** Analysis milliseconds per 1,000 lines: constant when growth is linear. */
  msPerKiloLine: number;
}

/** Full analysis from scratch (no cache) vs parse, at each size. */
export function analysisVsParse(sizes: number[]): SizeRow[] {
  return sizes.map((size) => {
    const text = generateModelFile(size);
    const result = analyze(text, FILE_NAME, UNBOUNDED, { cache: null });
    const comparison = compare(() => analyze(text, FILE_NAME, UNBOUNDED, { cache: null }), () => parse(text));
    const lines = lineCount(text);
    return {
      ...comparison,
      lines,
      models: result.models.length,
      findings: result.findings.length,
      msPerKiloLine: (comparison.subjectMs / lines) * 1000,
    };
  });
}

/** Two levels up from scripts/bench/ and from the bundle in out/bench/ alike. */
const CORPUS_DIR = path.join(__dirname, '..', '..', 'test', 'fixtures', 'real-world');

/** Imports between the corpus programs resolve inside its folder, as in `npm run corpus`. */
function readCorpusFile(fileName: string): string | undefined {
  const inside = path.resolve(fileName).startsWith(CORPUS_DIR + path.sep);
  return inside && fs.existsSync(fileName) && fs.statSync(fileName).isFile() ? fs.readFileSync(fileName, 'utf8') : undefined;
}

/**
 * Real-world code instead of generated files: analyze() of every program of the realistic
 * fixture corpus (test/fixtures/real-world/) from scratch vs a parse of each, summed per round.
 * The programs are small (tens of lines), so this row weighs the per-file and per-model costs
 * (flow of recurrent layers, robust re-predictions, rules) that long generated files dilute.
 */
export function corpusVsParse(): Comparison & { programs: number; lines: number; models: number; findings: number } {
  const programs = fs
    .readdirSync(CORPUS_DIR)
    .filter((name) => /\.(ts|js|mjs|cjs|tsx|jsx)$/.test(name))
    .sort()
    .map((name) => ({ fileName: path.join(CORPUS_DIR, name), text: fs.readFileSync(path.join(CORPUS_DIR, name), 'utf8') }));
  const analyzeAll = () => programs.map(({ fileName, text }) => analyze(text, fileName, UNBOUNDED, { cache: null, readFile: readCorpusFile }));
  const results = analyzeAll();
  const comparison = compare(analyzeAll, () => programs.map(({ fileName, text }) => parse(text, fileName)));
  return {
    ...comparison,
    programs: programs.length,
    lines: programs.reduce((sum, { text }) => sum + lineCount(text), 0),
    models: results.reduce((sum, result) => sum + result.models.length, 0),
    findings: results.reduce((sum, result) => sum + result.findings.length, 0),
  };
}

/**
 * The server's situation while the user types: the file was analysed, then one character
 * changes. Each repetition inserts a space at a fresh place inside a model, so the edited model's
 * key is new every time and only the others can come from the cache; the text is re-parsed
 * incrementally from the previous repetition's tree, as the server does.
 */
export function reanalysisVsParse(lines: number): Comparison & { lines: number; cacheHitRate: number } {
  const base = generateModelFile(lines);
  const insertionPoints: number[] = [];
  for (let at = base.indexOf('units:'); at >= 0; at = base.indexOf('units:', at + 1)) insertionPoints.push(at);
  const cache = new ModelCache();
  const parser = new IncrementalParser();
  const options = { cache, parse: (fileName: string, text: string) => parser.parse(fileName, text) };
  analyze(base, FILE_NAME, UNBOUNDED, options);
  cache.hits = 0;
  cache.misses = 0;
  let edit = 0;
  let current = base;
  // Each text is the previous one plus a space, so consecutive versions differ by one character.
  const nextText = (): string => {
    const point = (edit++ * 7919) % insertionPoints.length;
    const at = insertionPoints[point];
    for (let i = point; i < insertionPoints.length; i++) insertionPoints[i]++;
    return `${current.slice(0, at)} ${current.slice(at)}`;
  };
  const comparison = compare(
    () => {
      current = nextText();
      analyze(current, FILE_NAME, UNBOUNDED, options);
    },
    () => parse(current),
  );
  return { ...comparison, lines: lineCount(base), cacheHitRate: cache.hits / (cache.hits + cache.misses) };
}

/** A file that never mentions tfjs costs the pre-check only. */
export function preCheckVsParse(lines: number): Comparison & { lines: number; skipped?: string } {
  const text = generatePlainFile(lines);
  const result = analyze(text, FILE_NAME, UNBOUNDED, { cache: null });
  return { ...compare(() => analyze(text, FILE_NAME, UNBOUNDED), () => parse(text)), lines: lineCount(text), skipped: result.skipped };
}
