/** Edits of a layer's config object literal (`{units: 8, activation: 'relu'}`) that keep its layout. */
import type { TextEdit } from '../findings';
import type { LayerIR, PropIR, Span } from '../ir';
import { indentOf, lineStartOf, startsLine } from './sourceStyle';

type LayerProps = Pick<LayerIR, 'props' | 'configSpan'>;

/** Replaces the value of `key`, or adds `key: value` after the last written property. */
export function setPropertyEdit(text: string, layer: LayerProps, key: string, valueText: string): TextEdit | undefined {
  const existing = layer.props[key];
  if (existing) {
    const { start, end } = existing.valueSpan;
    if (end - start === valueText.length && text.startsWith(valueText, start)) return undefined;
    // `{ activation }` becomes `{ activation: 'relu' }`, not `{ 'relu' }`.
    if (existing.shorthand) return { start: existing.span.start, end: existing.span.end, newText: `${key}: ${valueText}` };
    return { start: existing.valueSpan.start, end: existing.valueSpan.end, newText: valueText };
  }
  return insertPropertyEdit(text, layer, key, valueText);
}

function insertPropertyEdit(text: string, layer: LayerProps, key: string, valueText: string): TextEdit | undefined {
  const config = layer.configSpan;
  if (!config) return undefined;
  const last = lastWrittenProperty(layer.props, config);
  if (!last) return { start: config.start, end: config.end, newText: `{ ${key}: ${valueText} }` };
  // One property per line: the new one goes on its own line with the same indentation.
  const multiline = startsLine(text, last.span.start);
  const separator = multiline ? `\n${indentOf(text, last.span.start)}` : ' ';
  let after = last.span.end;
  while (after < config.end && /\s/.test(text[after]) && text[after] !== '\n') after++;
  if (text[after] === ',') return { start: after + 1, end: after + 1, newText: `${separator}${key}: ${valueText},` };
  return { start: last.span.end, end: last.span.end, newText: `,${separator}${key}: ${valueText}` };
}

/**
 * The property of the literal whose text ends last (of those ending together, the last listed).
 * A property assigned after the literal (`cfg.inputShape = [n]` for the first layer) is not in it.
 */
function lastWrittenProperty(props: LayerProps['props'], literal: Span): PropIR | undefined {
  let last: PropIR | undefined;
  for (const key in props) {
    const prop = props[key];
    if (prop.span.start < literal.start || prop.span.end > literal.end) continue;
    if (!last || prop.span.end >= last.span.end) last = prop;
  }
  return last;
}

/** Deletes `key: value` together with one separating comma, leaving the neighbours' layout. */
export function removePropertyEdit(text: string, layer: LayerProps, key: string): TextEdit | undefined {
  const prop = layer.props[key];
  if (!prop) return undefined;
  let after = prop.span.end;
  while (/[ \t]/.test(text[after] ?? '')) after++;
  if (text[after] === ',') {
    const lineEnd = text.indexOf('\n', after);
    // `key: value,` alone on its line: remove the whole line.
    if (startsLine(text, prop.span.start) && lineEnd >= 0 && text.slice(after + 1, lineEnd).trim() === '') {
      return { start: lineStartOf(text, prop.span.start), end: lineEnd + 1, newText: '' };
    }
    let next = after + 1;
    while (/[ \t]/.test(text[next] ?? '')) next++;
    return { start: prop.span.start, end: next, newText: '' };
  }
  let before = prop.span.start;
  while (before > 0 && /\s/.test(text[before - 1])) before--;
  if (text[before - 1] === ',') return { start: before - 1, end: prop.span.end, newText: '' };
  return { start: prop.span.start, end: prop.span.end, newText: '' };
}
