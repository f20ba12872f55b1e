/**
 * Deterministic seeds for every random draw of a run. Each weight, each input batch and each
 * dropout mask gets its own seed, so layers of the same shape never share weights (identical
 * weights would correlate the layers and distort the measured flow).
 */

/** A 32-bit mix of the run seed and a path of integers (splitmix-style finaliser). */
export function deriveSeed(seed: number, ...path: number[]): number {
  let h = Math.imul((seed | 0) ^ 0x9e3779b9, 0x85ebca6b);
  for (const part of path) {
    h = Math.imul(h ^ (part | 0) ^ (h >>> 15), 0xc2b2ae35);
    h ^= h >>> 13;
  }
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Roles of the random draws, so a layer's kernel and its recurrent kernel get different seeds. */
export const SeedRole = {
  kernel: 1,
  recurrent: 2,
  bias: 3,
  dropout: 4,
  input: 5,
  target: 6,
  teacher: 7,
} as const;
