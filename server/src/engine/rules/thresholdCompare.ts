/**
 * Threshold comparisons that ignore floating-point rounding. A value the user wrote to sit exactly
 * at a threshold often arrives a last bit off it (Math.sqrt(8 / 64) squared × 64 is
 * 8.000000000000002, 0.035 × 100 is 3.5000000000000004): the documented thresholds are "above"
 * or "at or above", and rounding must not move a value across them.
 */
const ROUNDING = 1e-9;

/** `value` is above `limit` by more than rounding. */
export function exceeds(value: number, limit: number): boolean {
  return value > limit + Math.abs(limit) * ROUNDING;
}

/** `value` is at or above `limit`, up to rounding. */
export function reaches(value: number, limit: number): boolean {
  return value >= limit - Math.abs(limit) * ROUNDING;
}
