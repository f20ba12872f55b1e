/**
 * A small hand-written SVG chart: one x axis of categories or steps, one y axis (log10 or
 * linear), and series drawn as lines, points with error bars, or bars. Colours come from CSS
 * classes (theme variables), exact values from a <title> on every mark.
 */
import { svg } from './dom';

export interface ChartPoint {
  x: number;
  /** In axis units: log10 of the value on a log axis. */
  y: number;
  /** Half-height of an error bar, in axis units (e.g. sd of log10 over seeds). */
  spread?: number;
  /** Exact value for the tooltip. */
  title: string;
}

export interface ChartSeries {
  label: string;
  /** Colour and dash class from panel.css: 'written', 'fixed', ... */
  className: string;
  kind: 'line' | 'points' | 'bars';
  /** Marks this series' elements for tests and styles (`data-series`). */
  id: string;
  points: ChartPoint[];
  /** Radius of each point's dot (lines default to 2.5, points to 3.5); small for dense curves. */
  pointRadius?: number;
}

export interface ChartBand {
  /** Axis units; open ends are clipped to the plot. */
  from: number;
  to: number;
  label: string;
  className: string;
}

export interface ChartSpec {
  /** Names the chart for tests and styles (`data-chart`). */
  id: string;
  title: string;
  yAxis: 'log10' | 'linear';
  yLabel: string;
  xTicks: { x: number; label: string }[];
  xDomain: [number, number];
  /** Forces the y range to include these values (e.g. 0 and 1 for fractions). */
  yInclude?: number[];
  series: ChartSeries[];
  bands?: ChartBand[];
  /** Drawing width in CSS pixels (the panel's width), so text stays at its CSS size. */
  width: number;
  /** Height in CSS pixels; by default proportional to the width, within limits. */
  height?: number;
  /** Text notes drawn at a point, e.g. "NaN" where a training curve stops. */
  notes?: { x: number; y: number; text: string }[];
}

const MIN_WIDTH = 220;
/** Room each x tick label needs before labels are thinned out. */
const TICK_SPACING = 52;
const MARGIN = { left: 42, right: 10, top: 20, bottom: 24 };

export function renderChart(spec: ChartSpec): SVGSVGElement {
  const WIDTH = Math.max(MIN_WIDTH, Math.round(spec.width));
  const height = spec.height ?? Math.round(Math.min(240, Math.max(150, WIDTH * 0.55)));
  const [yMin, yMax] = yDomain(spec);
  const [xMin, xMax] = spec.xDomain;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const xPos = (x: number) => MARGIN.left + (xMax === xMin ? plotWidth / 2 : ((x - xMin) / (xMax - xMin)) * plotWidth);
  const yPos = (y: number) => MARGIN.top + (1 - (clamp(y, yMin, yMax) - yMin) / (yMax - yMin)) * plotHeight;

  const root = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${height}`,
    width: WIDTH,
    height,
    class: 'chart',
    'data-chart': spec.id,
    role: 'img',
    'aria-label': spec.title,
    'data-y-min': yMin,
    'data-y-max': yMax,
  });
  root.appendChild(svg('title', {}, spec.title));

  for (const band of spec.bands ?? []) {
    const top = yPos(Math.min(Math.max(band.from, band.to), yMax));
    const bottom = yPos(Math.max(Math.min(band.from, band.to), yMin));
    if (bottom - top <= 0) continue;
    root.appendChild(
      svg('rect', { class: `band ${band.className}`, x: MARGIN.left, y: top, width: plotWidth, height: bottom - top }, svg('title', {}, band.label)),
    );
  }

  const axes = svg('g', { class: 'axes' });
  for (const tick of yTicks(spec.yAxis, yMin, yMax)) {
    const y = yPos(tick);
    axes.appendChild(svg('line', { class: 'grid', x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y, y2: y }));
    axes.appendChild(svg('text', { class: 'tick', x: MARGIN.left - 4, y: y + 3, 'text-anchor': 'end' }, yTickLabel(spec.yAxis, tick)));
  }
  for (const tick of thin(spec.xTicks, Math.max(2, Math.floor(plotWidth / TICK_SPACING)))) {
    const x = xPos(tick.x);
    // The last label ends at its tick rather than overflowing the chart's right edge.
    const anchor = tick.x === xMax && xMax !== xMin ? 'end' : 'middle';
    axes.appendChild(
      svg('text', { class: 'tick', x, y: height - MARGIN.bottom + 13, 'text-anchor': anchor }, truncate(tick.label, 9), svg('title', {}, tick.label)),
    );
  }
  axes.appendChild(svg('line', { class: 'axis', x1: MARGIN.left, x2: MARGIN.left, y1: MARGIN.top, y2: height - MARGIN.bottom }));
  axes.appendChild(svg('line', { class: 'axis', x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: height - MARGIN.bottom, y2: height - MARGIN.bottom }));
  root.appendChild(axes);

  const barSeries = spec.series.filter((series) => series.kind === 'bars');
  const barWidth = Math.min(14, (plotWidth / Math.max(1, xMax - xMin + 1)) * 0.7) / Math.max(1, barSeries.length);
  for (const series of spec.series) {
    const group = svg('g', { class: `series ${series.className} ${series.kind}`, 'data-series': series.id });
    group.appendChild(svg('title', {}, series.label));
    if (series.kind === 'line' && series.points.length > 1) {
      const path = series.points.map((point, i) => `${i === 0 ? 'M' : 'L'}${xPos(point.x).toFixed(1)},${yPos(point.y).toFixed(1)}`).join(' ');
      group.appendChild(svg('path', { d: path, class: 'line' }));
    }
    for (const point of series.points) {
      if (series.kind === 'bars') {
        const offset = (barSeries.indexOf(series) - (barSeries.length - 1) / 2) * barWidth;
        const top = yPos(point.y);
        const base = yPos(Math.max(yMin, 0));
        group.appendChild(
          svg('rect', { class: 'bar', x: xPos(point.x) + offset - barWidth / 2, y: Math.min(top, base), width: barWidth, height: Math.max(0.5, Math.abs(base - top)), 'data-point': '' }, svg('title', {}, point.title)),
        );
        continue;
      }
      const mark = svg('g', { class: 'mark', 'data-point': '' }, svg('title', {}, point.title));
      if (point.spread !== undefined && point.spread > 0) {
        mark.appendChild(svg('line', { class: 'spread', x1: xPos(point.x), x2: xPos(point.x), y1: yPos(point.y - point.spread), y2: yPos(point.y + point.spread) }));
      }
      mark.appendChild(svg('circle', { cx: xPos(point.x), cy: yPos(point.y), r: series.pointRadius ?? (series.kind === 'line' ? 2.5 : 3.5) }));
      group.appendChild(mark);
    }
    root.appendChild(group);
  }

  for (const note of spec.notes ?? []) {
    root.appendChild(svg('text', { class: 'note', x: xPos(note.x), y: yPos(note.y) - 5, 'text-anchor': 'middle' }, note.text));
  }
  root.appendChild(svg('text', { class: 'axis-label', x: 2, y: 11 }, spec.yLabel));
  return root;
}

function yDomain(spec: ChartSpec): [number, number] {
  const values = spec.series.flatMap((series) => series.points.flatMap((p) => [p.y - (p.spread ?? 0), p.y + (p.spread ?? 0)]));
  values.push(...(spec.yInclude ?? []));
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [0, 1];
  let low = Math.min(...finite);
  let high = Math.max(...finite);
  if (spec.yAxis === 'log10') {
    low = Math.floor(low - 0.25);
    high = Math.ceil(high + 0.25);
  } else {
    const pad = (high - low || Math.abs(high) || 1) * 0.08;
    low = low >= 0 && low - pad < 0 ? 0 : low - pad;
    high += pad;
  }
  return [low, high === low ? low + 1 : high];
}

function yTicks(axis: 'log10' | 'linear', low: number, high: number): number[] {
  const step = axis === 'log10' ? Math.max(1, Math.ceil((high - low) / 6)) : niceStep((high - low) / 5);
  const ticks: number[] = [];
  for (let tick = Math.ceil(low / step) * step; tick <= high + 1e-9; tick += step) ticks.push(Number(tick.toPrecision(12)));
  return ticks;
}

function yTickLabel(axis: 'log10' | 'linear', tick: number): string {
  if (axis === 'linear') return String(tick);
  return tick === 0 ? '1' : `1e${tick}`;
}

function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
}

/** At most `max` evenly spaced ticks, counted back from the last (the output layer, the last step). */
function thin<T>(ticks: T[], max: number): T[] {
  if (ticks.length <= max) return ticks;
  const every = Math.ceil(ticks.length / max);
  return ticks.filter((_, i) => (ticks.length - 1 - i) % every === 0);
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
