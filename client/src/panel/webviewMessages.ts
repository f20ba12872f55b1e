/**
 * Validation of messages from the panel webview. The webview renders user-controlled strings,
 * so it is treated as untrusted: a message is acted on only if it has exactly the expected
 * shape, names the panel's own document, and (for fixes) carries edits the server computed.
 * Pure (no `vscode` import) so it is unit-tested directly.
 */
import type { AnalysisResponse, PanelToExtensionMessage, PositionedEdit, Range } from '../../../server/src/engine/protocol';

export function parsePanelMessage(raw: unknown): PanelToExtensionMessage | undefined {
  if (!isRecord(raw)) return undefined;
  switch (raw.type) {
    case 'ready':
      return hasOnlyKeys(raw, ['type']) ? { type: 'ready' } : undefined;
    case 'reveal':
      if (!hasOnlyKeys(raw, ['type', 'uri', 'range']) || typeof raw.uri !== 'string' || !isRange(raw.range)) return undefined;
      return { type: 'reveal', uri: raw.uri, range: copyRange(raw.range) };
    case 'applyFix':
      if (
        !hasOnlyKeys(raw, ['type', 'uri', 'version', 'edits']) ||
        typeof raw.uri !== 'string' ||
        !Number.isSafeInteger(raw.version) ||
        !Array.isArray(raw.edits) ||
        raw.edits.length === 0 ||
        !raw.edits.every(isPositionedEdit)
      ) {
        return undefined;
      }
      return {
        type: 'applyFix',
        uri: raw.uri,
        version: raw.version as number,
        edits: raw.edits.map((edit: PositionedEdit) => ({ range: copyRange(edit.range), newText: edit.newText })),
      };
    default:
      return undefined;
  }
}

/** True when `edits` are exactly the edits of one fix the server computed for this response. */
export function isServerFix(response: AnalysisResponse, edits: PositionedEdit[]): boolean {
  const wanted = JSON.stringify(edits.map(canonicalEdit));
  return response.models.some((model) => model.fixes.some((fix) => JSON.stringify(fix.edits.map(canonicalEdit)) === wanted));
}

function canonicalEdit(edit: PositionedEdit): [number, number, number, number, string] {
  const { start, end } = edit.range;
  return [start.line, start.character, end.line, end.character, edit.newText];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasOnlyKeys(value: Record<string, unknown>, keys: string[]): boolean {
  return Object.keys(value).every((key) => keys.includes(key));
}

function isPosition(value: unknown): boolean {
  return (
    isRecord(value) &&
    hasOnlyKeys(value, ['line', 'character']) &&
    isNonNegativeInteger(value.line) &&
    isNonNegativeInteger(value.character)
  );
}

function isRange(value: unknown): value is Range {
  return isRecord(value) && hasOnlyKeys(value, ['start', 'end']) && isPosition(value.start) && isPosition(value.end);
}

function isPositionedEdit(value: unknown): value is PositionedEdit {
  return isRecord(value) && hasOnlyKeys(value, ['range', 'newText']) && isRange(value.range) && typeof value.newText === 'string';
}

function isNonNegativeInteger(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function copyRange(range: Range): Range {
  return {
    start: { line: range.start.line, character: range.start.character },
    end: { line: range.end.line, character: range.end.character },
  };
}
