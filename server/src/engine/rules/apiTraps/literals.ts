/** Reading string literals straight from the source text, where a rule needs what was written. */
import type { Span } from '../../ir';

const STRING_LITERAL = /^(['"])([^'"\\\n]*)\1$/;
const QUOTE = 0x27;
const DOUBLE_QUOTE = 0x22;

/** The value of a plain quoted string literal (no escapes) spanning exactly `span`; else undefined. */
export function stringLiteralValue(text: string, span: Span): string | undefined {
  // Most values are not strings (units: 16): no slice and no regex for them.
  const first = text.charCodeAt(span.start);
  if (first !== QUOTE && first !== DOUBLE_QUOTE) return undefined;
  const match = STRING_LITERAL.exec(text.slice(span.start, span.end));
  return match ? match[2] : undefined;
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
