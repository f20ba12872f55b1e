/**
 * Memos for the pure quadrature moments (and other pure numeric computations), keyed on the
 * exact arguments: a stack of layers, a recurrent chain at its fixed point and the models of one
 * file (or of the next keystroke) ask for the same (q, c) again and again, and each quadrature
 * answer costs thousands of φ evaluations. A hit returns the very number the computation would,
 * so predictions stay bit-for-bit identical.
 *
 * Every layer of every prediction asks several of them, so the number memos are open-addressing
 * tables on the arguments' bits (a Map per argument cost ~100 ns a lookup). Keys compare with
 * Object.is, which tells -0 from 0, rather than relying on every wrapped function ignoring the
 * sign of zero. The memos are bounded: when full they start over (old entries are cheap to
 * recompute; memory stays flat).
 */

const CAPACITY = 4096;
/** Slots of a new table; it doubles while more than half full, up to 2 × CAPACITY. */
const INITIAL_SLOTS = 64;

const scratch = new Float64Array(1);
const scratchWords = new Int32Array(scratch.buffer);

/** A 32-bit hash of a double's bits. */
function hashOf(x: number): number {
  scratch[0] = x;
  const h = Math.imul(scratchWords[0] ^ Math.imul(scratchWords[1], 0x9e3779b1), 0x85ebca6b);
  return h ^ (h >>> 15);
}

/**
 * `width` values by an exact pair of numbers (a single number uses y = 0). A slot's entries sit
 * side by side in one array ([used, x, y, values...]): a probe reads one or two cache lines where
 * an array per entry read four. The tables of recurrent chains hold thousands of pairs, and a
 * lookup that misses the cache costs more than the arithmetic around it.
 */
const USED = 0;
const X = 1;
const Y = 2;
const VALUES = 3;

class ExactTable {
  private readonly stride: number;
  private slots: Float64Array;
  private slotCount = INITIAL_SLOTS;
  private size = 0;

  constructor(private readonly width = 1) {
    this.stride = VALUES + width;
    this.slots = new Float64Array(this.stride * INITIAL_SLOTS);
  }

  /** The index in `slots` of the slot holding (x, y), or -1. */
  find(x: number, y: number): number {
    const { slots, stride } = this;
    const mask = this.slotCount - 1;
    for (let slot = slotOf(x, y, mask); slots[stride * slot + USED] === 1; slot = (slot + 1) & mask) {
      const at = stride * slot;
      if (sameNumber(slots[at + X], x) && sameNumber(slots[at + Y], y)) return at;
    }
    return -1;
  }

  /** The value at `found` (find's answer), in a table of width 1. */
  valueAt(found: number): number {
    return this.slots[found + VALUES];
  }

  /** Copies the `width` values at `found` (find's answer) to out[at...]. */
  copyTo(found: number, out: Float64Array, at: number): void {
    for (let k = 0; k < this.width; k++) out[at + k] = this.slots[found + VALUES + k];
  }

  /** Keeps (x, y) with the `width` values at values[from...]. */
  set(x: number, y: number, values: ArrayLike<number>, from = 0): void {
    if (this.size >= CAPACITY) this.reset(INITIAL_SLOTS);
    else if (2 * (this.size + 1) > this.slotCount) this.grow();
    this.place(x, y, values, from);
  }

  private place(x: number, y: number, values: ArrayLike<number>, from: number): void {
    const { slots, stride } = this;
    const mask = this.slotCount - 1;
    let slot = slotOf(x, y, mask);
    while (slots[stride * slot + USED] === 1) slot = (slot + 1) & mask;
    const at = stride * slot;
    slots[at + USED] = 1;
    slots[at + X] = x;
    slots[at + Y] = y;
    for (let k = 0; k < this.width; k++) slots[at + VALUES + k] = values[from + k];
    this.size++;
  }

  private grow(): void {
    const old = this.slots;
    this.reset(2 * this.slotCount);
    for (let at = 0; at < old.length; at += this.stride) if (old[at + USED] === 1) this.place(old[at + X], old[at + Y], old, at + VALUES);
  }

  private reset(slotCount: number): void {
    this.slots = new Float64Array(this.stride * slotCount);
    this.slotCount = slotCount;
    this.size = 0;
  }
}

/**
 * Object.is for numbers (-0 is not 0, NaN is NaN) in arithmetic: Object.is on doubles boxes both
 * arguments when it is not inlined, and every lookup of every memo compares.
 */
export function sameNumber(a: number, b: number): boolean {
  if (a === b) return a !== 0 || 1 / a === 1 / b;
  return a !== a && b !== b;
}

function slotOf(x: number, y: number, mask: number): number {
  return (hashOf(x) ^ Math.imul(hashOf(y), 0xc2b2ae35)) & mask;
}

/** A one-value record for ExactTable.set (rewritten per call). */
const ONE = new Float64Array(1);

export function memoizeExact1(f: (x: number) => number): (x: number) => number {
  const table = new ExactTable();
  return (x) => {
    const found = table.find(x, 0);
    if (found >= 0) return table.valueAt(found);
    const value = f(x);
    ONE[0] = value;
    table.set(x, 0, ONE);
    return value;
  };
}

export function memoizeExact2(f: (x: number, y: number) => number): (x: number, y: number) => number {
  const table = new ExactTable();
  return (x, y) => {
    const found = table.find(x, y);
    if (found >= 0) return table.valueAt(found);
    const value = f(x, y);
    ONE[0] = value;
    table.set(x, y, ONE);
    return value;
  };
}

/**
 * A memo of `width` numbers per exact pair, written to out[at...]: a caller that needs several
 * answers for the same arguments (the moments of one pre-activation) makes one lookup instead of
 * one per answer. `fill` writes the numbers on a miss.
 */
export function memoizeExactRecord(
  width: number,
  fill: (x: number, y: number, out: Float64Array, at: number) => void,
): (x: number, y: number, out: Float64Array, at: number) => void {
  const table = new ExactTable(width);
  return (x, y, out, at) => {
    const found = table.find(x, y);
    if (found >= 0) {
      table.copyTo(found, out, at);
      return;
    }
    fill(x, y, out, at);
    table.set(x, y, out, at);
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
