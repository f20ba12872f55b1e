/** Number formatting for labels, tooltips and the summary. */

/** 10^log10 as a short number: 1.6e-5, 0.52, 3.2e+4. */
export function formatPower(log10: number): string {
  return formatNumber(10 ** log10);
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e4 || magnitude < 1e-2) return value.toExponential(1).replace('e+', 'e');
  return String(Number(value.toPrecision(2)));
}

/** A log10 value with two decimals, as used in the tooltips: "10^-4.82". */
export function formatLog10(log10: number): string {
  return `10^${log10.toFixed(2)}`;
}

export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(fraction < 0.1 ? 1 : 0)}%`;
}
