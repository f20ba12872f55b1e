/** `check --format text`: ESLint's "stylish" layout (file, then aligned line:column, severity, message, rule; a total). */
import { SEVERITY_ORDER, type Severity } from '../engine/findings';
import { LineMap } from '../engine/lineMap';
import type { CheckedFile } from './checkedFile';


export function textReport(files: readonly CheckedFile[]): string {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  let out = '';
  for (const file of files) {
    if (file.findings.length === 0) continue;
    const lines = new LineMap(file.text);
    const rows = file.findings.map((finding) => {
      counts[finding.severity]++;
      const { line, character } = lines.positionAt(finding.span.start);
      return [`${line + 1}:${character + 1}`, finding.severity, finding.message, finding.rule];
    });
    out += `\n${file.path}\n${alignColumns(rows)}\n`;
  }
  const total = SEVERITY_ORDER.reduce((sum, severity) => sum + counts[severity], 0);
  if (total === 0) return out;
  const parts = SEVERITY_ORDER.filter((severity) => counts[severity] > 0 || severity === 'error' || severity === 'warning').map((severity) =>
    plural(counts[severity], severity),
  );
  return `${out}\n✖ ${plural(total, 'problem')} (${parts.join(', ')})\n`;
}

function alignColumns(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows
    .map((row) => `  ${row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join('  ')}`)
    .join('\n');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
