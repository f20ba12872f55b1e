/** `check --format json`: the array of DESIGN section 7, positions 1-based. */
import type { RuleId, Severity } from '../engine/findings';
import { LineMap } from '../engine/lineMap';
import { oneBasedRange, type CheckedFile, type OneBasedRange } from './checkedFile';

export interface JsonEdit extends OneBasedRange {
  newText: string;
}

export interface JsonFix {
  title: string;
  preferred: boolean;
  edits: JsonEdit[];
}

export interface JsonFinding extends OneBasedRange {
  file: string;
  rule: RuleId;
  severity: Severity;
  message: string;
  fixes: JsonFix[];
  /** Only on a hint that holds for some values the code does not say: their ids (Finding.dependsOn; additive to section 7). */
  dependsOn?: string[];
}

export function jsonReport(files: readonly CheckedFile[]): JsonFinding[] {
  return files.flatMap((file) => {
    const lines = new LineMap(file.text);
    return file.findings.map((finding) => ({
      file: file.path,
      rule: finding.rule,
      severity: finding.severity,
      message: finding.message,
      ...oneBasedRange(lines, finding.span),
      fixes: finding.fixes.map((fix) => ({
        title: fix.title,
        preferred: fix.preferred,
        edits: fix.edits.map((edit) => ({ ...oneBasedRange(lines, edit), newText: edit.newText })),
      })),
      ...(finding.dependsOn && { dependsOn: finding.dependsOn }),
    }));
  });
}
