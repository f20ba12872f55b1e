/**
 * The terminal chart of `gradient-doctor simulate`: one row per kernel layer, log10 ‖dLoss/dKernel‖
 * on a shared log axis, the analytic prediction (A) beside the empirical mean (E) with its ±1 sd
 * spread over seeds (─). Plain text (no colour codes), so it reads the same in CI logs.
 */

export interface ChartRow {
  label: string;
  kind: string;
  /** log10 ‖∇W‖ predicted; undefined when the engine did not run or has no number. */
  analytic?: number;
  empiricalMean?: number;
  empiricalSd?: number;
}

export interface ChartOptions {
  /** Width of the plot area in characters. */
  plotWidth?: number;
}

const LABEL_WIDTH = 18;
const KIND_WIDTH = 10;
const NUMBER_WIDTH = 9;
const EMPIRICAL_WIDTH = 13;

function fit(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

function formatLog(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return 'n/a';
  if (value === -Infinity) return '-inf';
  if (value === Infinity) return 'inf';
  return value.toFixed(2);
}

function formatEmpirical(row: ChartRow): string {
  if (row.empiricalMean === undefined) return 'n/a';
  const sd = row.empiricalSd !== undefined && Number.isFinite(row.empiricalSd) ? `±${row.empiricalSd.toFixed(2)}` : '';
  return `${formatLog(row.empiricalMean)}${Number.isFinite(row.empiricalMean) ? sd : ''}`;
}

/** Whole decades spanning every finite value (at least two decades wide). */
function axisRange(rows: readonly ChartRow[]): [number, number] {
  const values: number[] = [];
  for (const row of rows) {
    for (const v of [row.analytic, row.empiricalMean]) if (v !== undefined && Number.isFinite(v)) values.push(v);
    if (row.empiricalMean !== undefined && Number.isFinite(row.empiricalMean) && row.empiricalSd !== undefined && Number.isFinite(row.empiricalSd)) {
      values.push(row.empiricalMean - row.empiricalSd, row.empiricalMean + row.empiricalSd);
    }
  }
  if (values.length === 0) return [-2, 0];
  let low = Math.floor(Math.min(...values));
  let high = Math.ceil(Math.max(...values));
  if (high - low < 2) {
    low -= 1;
    high = low + 2;
  }
  return [low, high];
}

/** One decade tick every `step` decades, so labels never collide. */
function tickStep(low: number, high: number, plotWidth: number): number {
  const span = high - low;
  for (const step of [1, 2, 5, 10, 20, 50]) if ((span / step) * 5 <= plotWidth) return step;
  return Math.ceil(span / 10);
}

export function renderChart(title: string, rows: readonly ChartRow[], options: ChartOptions = {}): string {
  const plotWidth = options.plotWidth ?? 48;
  const [low, high] = axisRange(rows);
  const column = (v: number) => Math.round(((Math.min(high, Math.max(low, v)) - low) / (high - low)) * (plotWidth - 1));
  const step = tickStep(low, high, plotWidth);
  const ticks: number[] = [];
  for (let t = Math.ceil(low / step) * step; t <= high; t += step) ticks.push(t);

  const prefixWidth = LABEL_WIDTH + 1 + KIND_WIDTH + 1 + NUMBER_WIDTH + 1 + EMPIRICAL_WIDTH + 1;
  const tickLabels = Array<string>(plotWidth + 8).fill(' ');
  for (const t of ticks) {
    const text = String(t);
    const start = Math.min(Math.max(0, column(t) + 1 - Math.floor(text.length / 2)), tickLabels.length - text.length);
    for (let i = 0; i < text.length; i++) tickLabels[start + i] = text[i];
  }
  const lines = [
    title,
    `${' '.repeat(prefixWidth)}${tickLabels.join('').trimEnd()}`,
    `${fit('layer', LABEL_WIDTH)} ${fit('kind', KIND_WIDTH)} ${'analytic'.padStart(NUMBER_WIDTH)} ${fit(' empirical', EMPIRICAL_WIDTH)} +${axisLine(ticks.map(column), plotWidth)}+`,
  ];
  for (const row of rows) {
    const cells = Array<string>(plotWidth).fill(' ');
    for (const t of ticks) cells[column(t)] = '·';
    const { empiricalMean: mean, empiricalSd: sd, analytic } = row;
    const hasMean = mean !== undefined && Number.isFinite(mean);
    if (hasMean && sd !== undefined && Number.isFinite(sd)) {
      for (let c = column(mean - sd); c <= column(mean + sd); c++) cells[c] = '─';
    }
    if (hasMean) cells[column(mean)] = 'E';
    if (analytic !== undefined && Number.isFinite(analytic)) {
      const c = column(analytic);
      cells[c] = cells[c] === 'E' ? '*' : 'A';
    }
    lines.push(
      `${fit(row.label, LABEL_WIDTH)} ${fit(row.kind, KIND_WIDTH)} ${formatLog(analytic).padStart(NUMBER_WIDTH)} ${fit(` ${formatEmpirical(row)}`, EMPIRICAL_WIDTH)} |${cells.join('')}|`,
    );
  }
  lines.push(`${' '.repeat(prefixWidth)}log10 ‖dLoss/dKernel‖   A analytic   E empirical mean, ─ ±1 sd over seeds   * both`);
  return `${lines.join('\n')}\n`;
}

function axisLine(tickColumns: number[], plotWidth: number): string {
  const cells = Array<string>(plotWidth).fill('-');
  for (const c of tickColumns) cells[c] = '+';
  return cells.join('');
}
