/** Reading string literals straight from the source text, where a rule needs what was written. */
import type { Span } from '../../ir';
import { forEachLiteral } from '../../sourceTokens';

const QUOTE = 0x27;
const DOUBLE_QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;

/** The value of a plain quoted string literal (no escapes) spanning exactly `span`; else undefined. */
export function stringLiteralValue(text: string, span: Span): string | undefined {
  // Read in place: most values are not strings (units: 16), and rules ask for every property.
  const first = text.charCodeAt(span.start);
  if (first !== QUOTE && first !== DOUBLE_QUOTE) return undefined;
  const last = span.end - 1;
  if (last <= span.start || text.charCodeAt(last) !== first) return undefined;
  for (let at = span.start + 1; at < last; at++) {
    const code = text.charCodeAt(at);
    if (code === QUOTE || code === DOUBLE_QUOTE || code === BACKSLASH || code === NEWLINE) return undefined;
  }
  return text.slice(span.start + 1, last);
}

/**
 * The literal a string came from, when the file's code writes it exactly once (comments do not
 * count): the place to fix it. Written twice (two specs, or the name also used as a label), no
 * single edit is known to be the right one.
 */
export function onlyLiteralOf(text: string, written: string): Span | undefined {
  let found: Span | undefined;
  let twice = false;
  forEachLiteral(text, (kind, value, span) => {
    if (kind !== 'string' || value !== written) return;
    twice ||= found !== undefined;
    found = span;
  });
  return twice ? undefined : found;
}

/** The plain string literals of an array literal `['a', "b"]` at `span`, with their spans. */
export function stringLiteralsOfArray(text: string, span: Span): { written: string; span: Span }[] {
  const source = text.slice(span.start, span.end);
  if (!source.startsWith('[') || !source.endsWith(']')) return [];
  const out: { written: string; span: Span }[] = [];
  const literal = /(['"])([^'"\\\n]*)\1/g;
  for (let match = literal.exec(source); match; match = literal.exec(source)) {
    out.push({ written: match[2], span: { start: span.start + match.index, end: span.start + match.index + match[0].length } });
  }
  return out;
}

/**
 * A TypeScript cast after an argument written as a literal (`[7, 7, 128] as unknown as
 * ReshapeLayerArgs`, `1 satisfies number`), for the regular expressions that read a literal
 * argument from the source: a cast changes the type checker's view, not the value tfjs receives.
 * One optional group, no nested repetition (no catastrophic backtracking).
 */
export const TRAILING_CAST = String.raw`(?:\s+(?:as|satisfies)\s[^()\n]*)?`;
