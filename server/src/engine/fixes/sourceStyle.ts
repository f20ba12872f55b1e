/**
 * How the user's file writes code, so that inserted code looks like theirs: quote style,
 * indentation, TypeScript or JavaScript, and how it refers to tfjs (namespace or named imports).
 */
import type { TextEdit } from '../findings';
import type { FileIR, LayerIR } from '../ir';
import { answerOncePerFile } from './perFile';

export function isTypeScriptFile(fileName: string): boolean {
  return /\.(ts|tsx|mts|cts)$/i.test(fileName);
}

const QUOTE = 0x27;
const DOUBLE_QUOTE = 0x22;
const SPACE = 0x20;
const TAB = 0x09;

/**
 * The quote of the tfjs module specifier (`'@tensorflow/tfjs'`), else the first string literal's.
 * A whole-text question (a page without imports takes it from anywhere above the model), so the
 * per-model cache re-asks it before reusing a model's fixes.
 */
export function quoteOf(text: string, file: FileIR): "'" | '"' {
  return answerOncePerFile(text, file, 'quote', scanQuote);
}

function scanQuote(text: string, file: FileIR): "'" | '"' {
  const end = file.tfjs ? Math.min(file.tfjs.span.end, text.length) : text.length;
  for (let at = file.tfjs ? file.tfjs.span.start : 0; at < end; at++) {
    const code = text.charCodeAt(at);
    if (code === DOUBLE_QUOTE) return '"';
    if (code === QUOTE) return "'";
  }
  return "'";
}

export function quoted(text: string, file: FileIR, value: string): string {
  const quote = quoteOf(text, file);
  return `${quote}${value}${quote}`;
}

export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Leading whitespace of the line holding `offset`. */
export function indentOf(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  let end = start;
  while (end < text.length && (text.charCodeAt(end) === SPACE || text.charCodeAt(end) === TAB)) end++;
  return text.slice(start, end);
}

/** Whether only whitespace precedes `offset` on its line. */
export function startsLine(text: string, offset: number): boolean {
  const start = lineStartOf(text, offset);
  // Spaces and tabs are read in place; anything else takes trim()'s notion of whitespace.
  for (let at = start; at < offset; at++) {
    const code = text.charCodeAt(at);
    if (code !== SPACE && code !== TAB) return text.slice(at, offset).trim() === '';
  }
  return true;
}

/** `tf.layers.dense` for `tf.layers.dense({...})`: the callee as written. */
export function calleeText(text: string, layer: Pick<LayerIR, 'span'>): string {
  const open = text.indexOf('(', layer.span.start);
  if (open < 0 || open > layer.span.end) return '';
  return text.slice(layer.span.start, open).replace(/\s+/g, '');
}

/** Span of the last identifier of the callee (`simpleRNN` in `tf.layers.simpleRNN(...)`). */
export function factoryNameSpan(text: string, layer: Pick<LayerIR, 'span'>): { start: number; end: number } | undefined {
  const open = text.indexOf('(', layer.span.start);
  if (open < 0 || open > layer.span.end) return undefined;
  const match = /([A-Za-z_$][\w$]*)\s*$/.exec(text.slice(layer.span.start, open));
  if (!match) return undefined;
  const start = layer.span.start + match.index;
  return { start, end: start + match[1].length };
}

/** A reference to a tfjs export plus the import edit it needs (for named-import files). */
export interface TfjsReference {
  text: string;
  importEdit?: TextEdit;
}

/**
 * How to write each of `members` (top-level tfjs exports: `layers`, `train`, `tidy`, ...): through
 * the file's namespace (`tf.train`), or by the local name of a named import, adding the missing
 * ones to the import clause in one edit.
 */
export function tfjsReferences(text: string, file: FileIR, members: readonly string[]): { refs: Record<string, string>; importEdit?: TextEdit } {
  const tfjs = file.tfjs;
  const refs: Record<string, string> = {};
  if (!tfjs || tfjs.namespace) {
    const namespace = tfjs?.namespace ?? 'tf';
    for (const member of members) refs[member] = `${namespace}.${member}`;
    return { refs };
  }
  const missing: string[] = [];
  for (const member of members) {
    const local = tfjs.named[member];
    if (local) {
      refs[member] = local;
      continue;
    }
    // The file may already use the name for something else (`async function train()`): alias it.
    const alias = freeIdentifier(text, file, member, `tf${member[0].toUpperCase()}${member.slice(1)}`);
    refs[member] = alias;
    missing.push(alias === member ? member : `${member} as ${alias}`);
  }
  if (missing.length === 0) return { refs };
  const statement = text.slice(tfjs.span.start, tfjs.span.end);
  const close = statement.indexOf('}');
  if (close < 0) return { refs };
  let at = tfjs.span.start + close;
  while (at > tfjs.span.start && /\s/.test(text[at - 1])) at--;
  const trailingComma = text[at - 1] === ',';
  const newText = trailingComma ? ` ${missing.join(', ')},` : `, ${missing.join(', ')}`;
  return { refs, importEdit: { start: at, end: at, newText } };
}

/** `preferred` when the text never mentions it as an identifier, else `fallback` (numbered if needed). */
function freeIdentifier(text: string, file: FileIR, preferred: string, fallback: string): string {
  const used = (name: string): boolean =>
    answerOncePerFile(text, file, `uses identifier ${name}`, (whole) => new RegExp(`(^|[^\\w$.])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(whole));
  if (!used(preferred)) return preferred;
  let candidate = fallback;
  for (let n = 2; used(candidate); n++) candidate = `${fallback}${n}`;
  return candidate;
}

/**
 * The call that creates a sibling layer in the same style as `layer`'s own factory call:
 * `tf.layers.batchNormalization()` next to `tf.layers.dense(...)`, `layers.batchNormalization()`
 * in a file that imports `{ layers }`.
 */
export function siblingLayerCall(text: string, file: FileIR, layer: Pick<LayerIR, 'span'>, factory: string, args = ''): { text: string; importEdit?: TextEdit } {
  const callee = calleeText(text, layer);
  if (/\./.test(callee)) return { text: `${callee.replace(/[A-Za-z_$][\w$]*$/, factory)}(${args})` };
  const { refs, importEdit } = tfjsReferences(text, file, ['layers']);
  return { text: `${refs.layers}.${factory}(${args})`, importEdit };
}
