/**
 * `check --format sarif`: SARIF 2.1.0 for code-scanning services (GitHub, Azure DevOps).
 * Input: the files as `check` analysed them (CheckedFile: display path, text, findings).
 * Rule metadata comes from the rule modules; help URIs point at docs/rules/<id>.md; regions are
 * 1-based lines and columns in UTF-16 code units (SARIF's default columnKind); preferred and
 * other fixes become SARIF `fixes` with their replacements.
 */
import type * as Sarif from 'sarif';
import { version } from '../../../package.json';
import { ruleDocUrl, type Finding, type Severity, type TextEdit } from '../engine/findings';
import type { Span } from '../engine/ir';
import { LineMap } from '../engine/lineMap';
import { RULES } from '../engine/rules';
import { oneBasedRange, type CheckedFile } from './checkedFile';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

function level(severity: Severity): Sarif.Result.level {
  if (severity === 'error') return 'error';
  if (severity === 'warning') return 'warning';
  return 'note';
}

function region(lines: LineMap, span: Span): Sarif.Region {
  const range = oneBasedRange(lines, span);
  return { startLine: range.line, startColumn: range.column, endLine: range.endLine, endColumn: range.endColumn };
}

function location(uri: string, lines: LineMap, span: Span, message?: string, id?: number): Sarif.Location {
  return {
    ...(id !== undefined ? { id } : {}),
    physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region: region(lines, span) },
    ...(message !== undefined ? { message: { text: message } } : {}),
  };
}

function replacement(lines: LineMap, edit: TextEdit): Sarif.Replacement {
  return { deletedRegion: region(lines, edit), insertedContent: { text: edit.newText } };
}

function result(uri: string, lines: LineMap, finding: Finding, ruleIndex: number): Sarif.Result {
  return {
    ruleId: finding.rule,
    ruleIndex,
    level: level(finding.severity),
    message: { text: finding.message },
    locations: [location(uri, lines, finding.span)],
    ...(finding.related.length
      ? { relatedLocations: finding.related.map((related, i) => location(uri, lines, related.span, related.message, i + 1)) }
      : {}),
    ...(finding.fixes.length
      ? {
          fixes: finding.fixes.map((fix) => ({
            description: { text: fix.preferred ? `${fix.title} (preferred)` : fix.title },
            artifactChanges: [{ artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, replacements: fix.edits.map((edit) => replacement(lines, edit)) }],
          })),
        }
      : {}),
  };
}

/** A file path as a relative URI reference (forward slashes, percent-encoded). */
function uriOf(path: string): string {
  return path.split(/[\\/]/).map(encodeURIComponent).join('/');
}

export function formatSarif(files: readonly CheckedFile[]): Sarif.Log {
  const rules: Sarif.ReportingDescriptor[] = RULES.map((rule) => ({
    id: rule.meta.id,
    name: rule.meta.id.replace(/(^|-)([a-z])/g, (_match, _dash: string, letter: string) => letter.toUpperCase()),
    shortDescription: { text: rule.meta.description },
    helpUri: ruleDocUrl(rule.meta.id),
    help: { text: `${rule.meta.description} See ${ruleDocUrl(rule.meta.id)}` },
    defaultConfiguration: { level: level(rule.meta.defaultSeverity) },
    properties: { tags: [rule.meta.type === 'hint' ? 'maintainability' : 'correctness', 'machine-learning'] },
  }));
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const results = files.flatMap((file) => {
    const lines = new LineMap(file.text);
    const uri = uriOf(file.path);
    return file.findings.map((finding) => result(uri, lines, finding, ruleIndex.get(finding.rule) ?? -1));
  });
  return {
    version: '2.1.0',
    $schema: SARIF_SCHEMA,
    runs: [
      {
        tool: {
          driver: {
            name: 'gradient-doctor',
            version,
            informationUri: 'https://github.com/gradient-doctor/gradient-doctor',
            rules,
          },
        },
        artifacts: files.map((file) => ({ location: { uri: uriOf(file.path), uriBaseId: '%SRCROOT%' } })),
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
