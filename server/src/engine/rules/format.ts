/** How numbers and shared phrases appear in messages: rounded, with the order of magnitude that matters. */

/** The sentence a finding adds when no automatic fix can remove it (tests look for it). */
export const NO_AUTOMATIC_FIX = 'No automatic fix removes this';

/** `2e-5`, `0.35`, `79`, `3e+4`: two significant digits in [0.01, 1000), else one and an exponent. */
/** A learning rate to two significant digits, written out down to 1e-4 (0.0095, not 1e-2). */
export function approxRate(value: number): string {
  return value >= 1e-4 && value < 1000 ? String(Number(value.toPrecision(2))) : approx(value);
}

/**
 * A learning rate as the code writes it (0.02, 3e-4 as 0.0003), or to four significant digits
 * when the code computes it (a schedule's 0.02007, not 0.02006666666666667).
 */
export function rateText(value: number): string {
  return String(Number(value.toPrecision(4)));
}

export function approx(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude === 0) return '0';
  if (magnitude >= 0.01 && magnitude < 1000) return String(Number(value.toPrecision(2)));
  const [mantissa, exponent] = value.toExponential(0).split('e');
  return `${mantissa}e${exponent.replace('+', '')}`;
}

export function approxPow10(log10: number): string {
  return approx(Math.pow(10, log10));
}

/** `dense_1`, `dense_1 and dense_2`, `dense_1, dense_2 … dense_8 (8 layers)`. */
export function listNames(names: readonly string[]): string {
  if (names.length <= 2) return names.join(' and ');
  if (names.length <= 4) return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${names[0]}, ${names[1]} … ${names[names.length - 1]} (${names.length} layers)`;
}
