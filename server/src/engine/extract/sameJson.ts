/**
 * Whether two IR values have the same JSON text, without building it: variants are grouped by
 * their JSON (variants.ts, finalize.ts), and stringifying every build of every model was a large
 * share of extraction on files with variants. Plain data only (objects, arrays, primitives; no
 * toJSON, no cycles), as the IR is.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  return sameElement(a, b);
}

/** What JSON writes for a value in an array: `null` for undefined, functions and non-finite numbers. */
function sameElement(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const aNull = writesNull(a);
  if (aNull || writesNull(b)) return aNull && writesNull(b);
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  const aArray = Array.isArray(a);
  if (aArray !== Array.isArray(b)) return false;
  return aArray ? sameArray(a as unknown[], b as unknown[]) : sameObject(a as Record<string, unknown>, b as Record<string, unknown>);
}

function writesNull(value: unknown): boolean {
  return value === null || value === undefined || typeof value === 'function' || typeof value === 'symbol' || (typeof value === 'number' && !Number.isFinite(value));
}

function sameArray(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameElement(a[i], b[i])) return false;
  return true;
}

/** JSON leaves out properties whose value is undefined, a function or a symbol; the others are written in key order. */
function omitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

function sameObject(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  let j = 0;
  for (const key of aKeys) {
    const value = a[key];
    if (omitted(value)) continue;
    while (j < bKeys.length && omitted(b[bKeys[j]])) j++;
    if (j === bKeys.length || bKeys[j] !== key || !sameElement(value, b[key])) return false;
    j++;
  }
  while (j < bKeys.length && omitted(b[bKeys[j]])) j++;
  return j === bKeys.length;
}
