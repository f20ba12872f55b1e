/**
 * The bench table, as printed (aligned plain text) and as written into README.md (markdown, by
 * `--write-readme`). Rows are [measure, ours, baseline, ratio, target]; a target cell ends with
 * its verdict (see `targetCell`).
 */

export type Row = [measure: string, ours: string, baseline: string, ratio: string, target: string];

export const HEADER: Row = ['measure', 'ours', 'baseline', 'ratio', 'target'];

/** "<= 1.3 met", "p95 <= 30 ms NOT MET": the target and whether this run met it. */
export function targetCell(target: string, met: boolean): string {
  return `${target} ${met ? 'met' : 'NOT MET'}`;
}

export function textTable(rows: readonly Row[]): string {
  const all = [HEADER, ...rows];
  const widths = HEADER.map((_, column) => Math.max(...all.map((row) => row[column].length)));
  const line = (row: readonly string[]): string => row.map((cell, column) => cell.padEnd(widths[column])).join(' | ');
  return [line(HEADER), widths.map((width) => '-'.repeat(width)).join('-|-'), ...rows.map(line)].join('\n') + '\n';
}

export function markdownTable(rows: readonly Row[]): string {
  const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/<=/g, '≤').replace(/ NOT MET$/, ' **NOT MET**');
  const line = (row: readonly string[]): string => `| ${row.map(cell).join(' | ')} |`;
  return [line(HEADER), `|${HEADER.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n') + '\n';
}
