/**
 * Disable comments, as ESLint users know them:
 *   // gradient-doctor-disable-next-line vanishing-gradient, high-learning-rate
 *   /* gradient-doctor-disable missing-gradient-clipping *\/   (anywhere: the whole file)
 * Without rule ids a comment disables every rule. `analyze()` drops suppressed findings;
 * `disableEdit` writes the comment for the "disable for this line / file" code actions.
 */
import type { Finding, RuleId, TextEdit } from './findings';
import { LineMap } from './lineMap';
import { indentOf, lineStartOf } from './fixes/sourceStyle';

const NEXT_LINE = /\/\/[ \t]*gradient-doctor-disable-next-line\b([^\n]*)/g;
const FILE = /\/\*\s*gradient-doctor-disable\b([\s\S]*?)\*\//g;
const ALL = '*';

export interface Suppressions {
  /** Rule ids (or '*') disabled for the whole file. */
  file: Set<string>;
  /** 0-based line -> rule ids (or '*') disabled on that line. */
  lines: Map<number, Set<string>>;
}

function ruleList(written: string): Set<string> {
  // `-- reason` after the ids is a comment for humans, as in ESLint.
  const ids = written.split('--')[0].split(/[\s,]+/).filter((id) => /^[a-z][a-z-]*$/.test(id));
  return new Set(ids.length ? ids : [ALL]);
}

export function parseSuppressions(text: string): Suppressions {
  const suppressions: Suppressions = { file: new Set(), lines: new Map() };
  if (!text.includes('gradient-doctor-disable')) return suppressions;
  const lineMap = new LineMap(text);
  for (const match of text.matchAll(FILE)) for (const id of ruleList(match[1])) suppressions.file.add(id);
  for (const match of text.matchAll(NEXT_LINE)) {
    const line = lineMap.positionAt(match.index ?? 0).line + 1;
    const ids = suppressions.lines.get(line) ?? new Set<string>();
    for (const id of ruleList(match[1])) ids.add(id);
    suppressions.lines.set(line, ids);
  }
  return suppressions;
}

/** The findings no disable comment applies to (a finding belongs to the line its range starts on). */
export function withoutSuppressed<T extends Pick<Finding, 'rule' | 'span'>>(text: string, findings: readonly T[]): T[] {
  const suppressions = parseSuppressions(text);
  if (suppressions.file.size === 0 && suppressions.lines.size === 0) return [...findings];
  const lineMap = new LineMap(text);
  return findings.filter((finding) => {
    if (suppressions.file.has(ALL) || suppressions.file.has(finding.rule)) return false;
    const ids = suppressions.lines.get(lineMap.positionAt(finding.span.start).line);
    return !(ids && (ids.has(ALL) || ids.has(finding.rule)));
  });
}

/**
 * The edit that disables `finding`'s rule on its line (a comment above it, or the rule added to
 * the comment already there) or in the whole file (a block comment at the top, after a shebang,
 * or the rule added to the file comment already there).
 */
export function disableEdit(text: string, finding: Pick<Finding, 'rule' | 'span'>, scope: 'line' | 'file'): TextEdit {
  return scope === 'line' ? disableLineEdit(text, finding.rule, finding.span.start) : disableFileEdit(text, finding.rule);
}

function disableLineEdit(text: string, rule: RuleId, offset: number): TextEdit {
  const lineStart = lineStartOf(text, offset);
  if (lineStart > 0) {
    const previousStart = lineStartOf(text, lineStart - 1);
    const previous = text.slice(previousStart, lineStart - 1);
    const existing = /\/\/[ \t]*gradient-doctor-disable-next-line\b(.*)$/.exec(previous);
    if (existing && existing[1].trim() !== '') {
      const end = previousStart + previous.trimEnd().length;
      return { start: end, end, newText: `, ${rule}` };
    }
  }
  return { start: lineStart, end: lineStart, newText: `${indentOf(text, offset)}// gradient-doctor-disable-next-line ${rule}\n` };
}

function disableFileEdit(text: string, rule: RuleId): TextEdit {
  const existing = /\/\*[ \t]*gradient-doctor-disable\b([^*]*)\*\//.exec(text);
  if (existing && existing[1].trim() !== '') {
    const at = existing.index + 2 + existing[0].slice(2).search(/\s*\*\/$/);
    return { start: at, end: at, newText: `, ${rule}` };
  }
  const start = text.startsWith('#!') ? text.indexOf('\n') + 1 || text.length : 0;
  const newline = start === text.length && start > 0 && !text.endsWith('\n') ? '\n' : '';
  return { start, end: start, newText: `${newline}/* gradient-doctor-disable ${rule} */\n` };
}
