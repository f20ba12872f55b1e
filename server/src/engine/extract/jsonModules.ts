/**
 * `import config from './hparams.json'` and `require('./hparams.json')`: a JSON file is data, read
 * with JSON.parse (nothing in it runs) into the interpreter's values. Its members carry the
 * import's range and are marked foreign, like constants of another source file: no edit uses them.
 */
import type { Span } from '../ir';
import { UNKNOWN, newObject, type Value } from './values';

/** Larger JSON files (a vocabulary, a weights manifest) hold no hyperparameters worth the parse. */
export const MAX_JSON_MODULE_CHARS = 256 * 1024;

export function isJsonModule(fileName: string): boolean {
  return fileName.toLowerCase().endsWith('.json');
}

/** The file's value; unknown when it is too large, not valid JSON, or nested too deeply to convert. */
export function jsonModuleValue(text: string, anchor: Span): Value {
  if (text.length > MAX_JSON_MODULE_CHARS) return UNKNOWN;
  try {
    return toValue(JSON.parse(text) as unknown, anchor);
  } catch {
    // SyntaxError for invalid JSON, RangeError for nesting deeper than the stack.
    return UNKNOWN;
  }
}

function toValue(data: unknown, anchor: Span): Value {
  if (data === null || typeof data === 'number' || typeof data === 'string' || typeof data === 'boolean') return data;
  if (Array.isArray(data)) return { tag: 'array', items: data.map((item) => toValue(item, anchor)), lengthKnown: true };
  const object = newObject();
  for (const [key, item] of Object.entries(data as Record<string, unknown>)) {
    object.props.set(key, { value: toValue(item, anchor), span: anchor, valueSpan: anchor, foreign: true });
  }
  return object;
}
