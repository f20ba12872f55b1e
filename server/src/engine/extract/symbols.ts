/**
 * Symbols as property keys (`const TUNING = Symbol.for('fraud.tuning')`, `{ [TUNING]: { lr: 0.1 } }`,
 * `settings[TUNING]`): a symbol is stored under a key no string of the program can be (it starts
 * with a NUL), so a member under a symbol is read back only through that symbol, and
 * `Object.keys`, `Object.entries` and `for...in` skip it, as JavaScript does.
 */
import { type SymbolValue, type Value, hasTag } from './values';

const KEY_PREFIX = '\u0000symbol:';

/** `Symbol()` calls so far: each makes a symbol no other equals. */
let made = 0;

/** `Symbol.for(name)`: the registry's symbol of that name, the same at every call. */
export function registeredSymbol(name: string): SymbolValue {
  return { tag: 'symbol', key: `${KEY_PREFIX}for:${name}`, description: name };
}

/** `Symbol(description)`: a new symbol. */
export function newSymbol(description: string | undefined): SymbolValue {
  return { tag: 'symbol', key: `${KEY_PREFIX}${++made}`, description };
}

/** `Symbol.iterator` and the other well-known symbols. */
export function wellKnownSymbol(name: string): SymbolValue {
  return { tag: 'symbol', key: `${KEY_PREFIX}Symbol.${name}`, description: `Symbol.${name}` };
}

/** The key a member is stored under: a string or number as a string, a symbol as its own key. */
export function propertyKey(value: Value): string | undefined {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return hasTag(value, 'symbol') ? value.key : undefined;
}

export function isSymbolKey(key: string): boolean {
  return key.startsWith(KEY_PREFIX);
}
