/** One analysed file as the `check` reports (text, JSON, SARIF) see it. */
import type { Finding } from '../engine/findings';
import { LineMap } from '../engine/lineMap';
import type { Span } from '../engine/ir';

export interface CheckedFile {
  /** The path as reports show it (see displayPath). */
  path: string;
  text: string;
  findings: Finding[];
}

/** 1-based line and column of a span's start and end, as editors and CI annotations count them. */
export interface OneBasedRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function oneBasedRange(lines: LineMap, span: Span): OneBasedRange {
  const start = lines.positionAt(span.start);
  const end = lines.positionAt(span.end);
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}
