/**
 * Mutations of real model files (every fixture of test/fixtures/models and every example): what
 * half-typed, pasted or hostile code looks like. Each mutation is a pure function of the text and
 * a few random numbers, so fast-check can generate and shrink them.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT, sourceFilesUnder } from '../../../helpers/sourceFiles';

const CORPUS_DIRS = ['test/fixtures/models', 'examples'];

/** Every fixture and example, as text. */
export function loadCorpus(): { file: string; text: string }[] {
  return CORPUS_DIRS.flatMap((dir) => sourceFilesUnder(path.join(ROOT, dir)))
    .sort()
    .map((file) => ({ file: path.relative(ROOT, file), text: readFileSync(file, 'utf8') }));
}

/** A position in the text from a random fraction in [0, 1). */
const at = (text: string, fraction: number): number => Math.floor(fraction * (text.length + 1));

type Mutation = (text: string, a: number, b: number, pick: number) => string;

const ABSURD_NUMBERS = ['NaN', 'Infinity', '-Infinity', '-64', '1e308', '0', '1e-320', '99999999999999999999', '0.5'];
const INSERTS = ['\u202e', '😀', 'ä', '\u0000', '\uFEFF', '\r\n', '`${', '/*', '"', "'", '{', ')', '=>', '...', 'tf.layers.dense({', '名前'];

const MUTATIONS: Record<string, Mutation> = {
  deleteRange: (text, a, b) => {
    const start = at(text, Math.min(a, b));
    return text.slice(0, start) + text.slice(start + Math.floor(Math.abs(b - a) * 200));
  },
  duplicateRange: (text, a, b) => {
    const start = at(text, Math.min(a, b));
    const end = at(text, Math.max(a, b));
    return text.slice(0, end) + text.slice(start, end) + text.slice(end);
  },
  swapTokens: (text, a, b) => {
    const tokens = text.split(/(\b)/);
    const i = Math.floor(a * tokens.length);
    const j = Math.floor(b * tokens.length);
    [tokens[i], tokens[j]] = [tokens[j], tokens[i]];
    return tokens.join('');
  },
  absurdNumber: (text, a, _b, pick) => {
    const numbers = [...text.matchAll(/\b\d+(\.\d+)?(e-?\d+)?\b/g)];
    if (numbers.length === 0) return text;
    const match = numbers[Math.floor(a * numbers.length)];
    return text.slice(0, match.index) + ABSURD_NUMBERS[pick % ABSURD_NUMBERS.length] + text.slice(match.index! + match[0].length);
  },
  absurdLoop: (text) => text.replace(/(<\s*)[\w.]+(\s*;)/g, '$110000$2'),
  insertText: (text, a, _b, pick) => {
    const position = at(text, a);
    return text.slice(0, position) + INSERTS[pick % INSERTS.length] + text.slice(position);
  },
  longLine: (text, a, b) => {
    const position = at(text, a);
    return `${text.slice(0, position)}${'x'.repeat(1000 + Math.floor(b * 100_000))}${text.slice(position)}`;
  },
  deepNesting: (text, a, b) => {
    const numbers = [...text.matchAll(/\b\d+\b/g)];
    if (numbers.length === 0) return text;
    const match = numbers[Math.floor(a * numbers.length)];
    const depth = 1 + Math.floor(b * 3000);
    return text.slice(0, match.index) + '('.repeat(depth) + match[0] + ')'.repeat(depth) + text.slice(match.index! + match[0].length);
  },
  truncate: (text, a) => text.slice(0, at(text, a)),
};

export const MUTATION_NAMES = Object.keys(MUTATIONS);

/** One to three mutations of one corpus file. */
export function mutatedCorpus(corpus: { file: string; text: string }[]): fc.Arbitrary<string> {
  const step = fc.tuple(fc.constantFrom(...MUTATION_NAMES), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.nat());
  return fc
    .tuple(fc.constantFrom(...corpus), fc.array(step, { minLength: 1, maxLength: 3 }))
    .map(([source, steps]) => steps.reduce((text, [name, a, b, pick]) => MUTATIONS[name](text, a, b, pick), source.text));
}
