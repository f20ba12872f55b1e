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
    return dataValue(JSON.parse(text) as unknown, anchor);
  } catch {
    // SyntaxError for invalid JSON, RangeError for nesting deeper than the stack.
    return UNKNOWN;
  }
}

/** Values converted from one document at most: a YAML alias repeated in aliases grows exponentially. */
const MAX_DATA_NODES = 100_000;

/**
 * Parsed data (plain objects, arrays, strings, numbers, booleans, null) as the interpreter's
 * values, every member anchored at `anchor` and foreign; anything else (a date) is unknown.
 */
export function dataValue(data: unknown, anchor: Span): Value {
  let budget = MAX_DATA_NODES;
  const convert = (item: unknown): Value => {
    if (--budget < 0) throw new RangeError('too many values');
    if (item === null || typeof item === 'number' || typeof item === 'string' || typeof item === 'boolean') return item;
    if (Array.isArray(item)) return { tag: 'array', items: item.map(convert), lengthKnown: true };
    const prototype = typeof item === 'object' ? Object.getPrototypeOf(item) : undefined;
    if (prototype !== Object.prototype && prototype !== null) return UNKNOWN;
    const object = newObject();
    for (const [key, member] of Object.entries(item as Record<string, unknown>)) {
      object.props.set(key, { value: convert(member), span: anchor, valueSpan: anchor, foreign: true });
    }
    return object;
  };
  return convert(data);
}
