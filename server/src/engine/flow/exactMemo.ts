/**
 * Memos for the pure quadrature moments (and other pure numeric computations), keyed on the exact arguments: a stack of layers, a
 * recurrent chain at its fixed point and the models of one file (or of the next keystroke) ask
 * for the same (q, c) again and again, and each quadrature answer costs thousands of φ
 * evaluations. A hit returns the very number the computation would, so predictions stay
 * bit-for-bit identical.
 *
 * Map keys compare by SameValueZero, which does not tell -0 from 0, so -0 gets a key of its own
 * rather than relying on every wrapped function ignoring the sign of zero. The maps are bounded:
 * when full they start over (old entries are cheap to recompute; memory stays flat).
 */

const CAPACITY = 4096;

type Key = number | '-0';
const keyOf = (x: number): Key => (Object.is(x, -0) ? '-0' : x);

export function memoizeExact1(f: (x: number) => number): (x: number) => number {
  const values = new Map<Key, number>();
  return (x) => {
    const key = keyOf(x);
    const known = values.get(key);
    if (known !== undefined) return known;
    const value = f(x);
    if (values.size >= CAPACITY) values.clear();
    values.set(key, value);
    return value;
  };
}

export function memoizeExact2(f: (x: number, y: number) => number): (x: number, y: number) => number {
  const rows = new Map<Key, Map<Key, number>>();
  let size = 0;
  return (x, y) => {
    const xKey = keyOf(x);
    const yKey = keyOf(y);
    let row = rows.get(xKey);
    const known = row?.get(yKey);
    if (known !== undefined) return known;
    const value = f(x, y);
    if (size >= CAPACITY) {
      rows.clear();
      size = 0;
      row = undefined;
    }
    if (!row) {
      row = new Map();
      rows.set(xKey, row);
    }
    row.set(yKey, value);
    size++;
    return value;
  };
}

/** A memo key part written so that distinct values give distinct texts (-0 and 0 included). */
function exactText(part: number | string | undefined): string {
  if (typeof part === 'string') return JSON.stringify(part);
  return Object.is(part, -0) ? '-0' : String(part);
}

/**
 * A memo for a pure computation of several exact numbers and names whose answer is not a single
 * number (the moments of a max-pooling window): worth a key string per call only when the
 * computation costs far more than building it.
 */
export class TupleMemo<T> {
  private readonly values = new Map<string, T>();

  get(parts: readonly (number | string | undefined)[], compute: () => T): T {
    const key = parts.map(exactText).join(',');
    if (this.values.has(key)) return this.values.get(key) as T;
    const value = compute();
    if (this.values.size >= CAPACITY) this.values.clear();
    this.values.set(key, value);
    return value;
  }
}
