/** Per-layer ‖∇W‖ on a log axis: analytic lines and empirical points, as written and with fixes, with threshold bands. */
import type { AnalysisResponse, PanelModel } from '../../server/src/engine/protocol';
import { DEFAULT_SETTINGS } from '../../server/src/engine/settings';
import type { EmpiricalFlow } from '../../server/src/engine/empirical/types';
import type { FlowPrediction } from '../../server/src/engine/flow/prediction';
import { gradientBandLimits } from '../../server/src/engine/insights/gradientBands';
import type { ModelIR } from '../../server/src/engine/ir';
import { type ChartBand, type ChartSeries, renderChart } from './chart';
import { formatLog10, formatNumber } from './format';
import { kernelLayers } from './kernelLayers';
import type { Measured } from './results';

export function gradientChart(response: AnalysisResponse, model: PanelModel, measured: Measured, width: number): SVGSVGElement {
  const written = kernelLayers(model.ir, model.flow);
  const series: ChartSeries[] = [analyticSeries('written', 'As written (analytic)', model.ir, model.flow)];
  if (model.fixed) series.push(analyticSeries('fixed', 'With fixes (analytic)', model.fixed.ir, model.fixed.flow));
  if (measured.written) series.push(empiricalSeries('written', 'As written (measured)', model.ir, measured.written));
  if (measured.fixed && model.fixed) series.push(empiricalSeries('fixed', 'With fixes (measured)', model.fixed.ir, measured.fixed));

  const bands = thresholdBands(response, model.flow);
  return renderChart({
    id: 'gradient',
    width,
    // Both zones stay in view, so the distance to each threshold can be read off.
    yInclude: bands.flatMap((band) => [band.from, band.to]).filter(Number.isFinite),
    title: `Gradient norm ‖∇W‖ per weight layer of ${model.name}, log scale`,
    yAxis: 'log10',
    yLabel: '‖∇W‖',
    xTicks: written.map((layer) => ({ x: layer.ordinal, label: layer.name })),
    xDomain: [0, Math.max(0, written.length - 1)],
    series,
    bands,
  });
}

function analyticSeries(variant: 'written' | 'fixed', label: string, ir: ModelIR, flow: FlowPrediction): ChartSeries {
  return {
    label,
    className: variant,
    kind: 'line',
    id: `analytic-${variant}`,
    points: kernelLayers(ir, flow)
      .filter((layer) => layer.flow.log10GradNorm !== undefined)
      .map((layer) => ({
        x: layer.ordinal,
        y: layer.flow.log10GradNorm as number,
        title: `${layer.name} (${label}): ‖∇W‖ ≈ ${formatNumber(10 ** (layer.flow.log10GradNorm as number))} (${formatLog10(layer.flow.log10GradNorm as number)})`,
      })),
  };
}

function empiricalSeries(variant: 'written' | 'fixed', label: string, ir: ModelIR, flow: EmpiricalFlow): ChartSeries {
  return {
    label,
    className: variant,
    kind: 'points',
    id: `empirical-${variant}`,
    points: kernelLayers(ir, flow)
      .filter((layer) => layer.flow.log10GradNorm !== undefined)
      .map((layer) => {
        const mean = layer.flow.log10GradNorm as number;
        const sd = flow.layers.find((l) => l.layerIndex === layer.flow.layerIndex)?.log10GradNormSd ?? 0;
        return {
          x: layer.ordinal,
          y: mean,
          spread: sd,
          title: `${layer.name} (${label}, ${flow.seeds} seeds, batch ${flow.batch}): ‖∇W‖ ≈ ${formatNumber(10 ** mean)} (${formatLog10(mean)} ± ${sd.toFixed(2)} decades)`,
        };
      }),
  };
}

/** Where the first layer's gradient would make the rules fire, relative to the last layer as written. */
function thresholdBands(response: AnalysisResponse, flow: FlowPrediction): ChartBand[] {
  const thresholds = response.thresholds ?? DEFAULT_SETTINGS.thresholds;
  const { vanishingTop, explodingBottom } = gradientBandLimits(flow, thresholds);
  if (explodingBottom === undefined) return [{ from: -Infinity, to: vanishingTop, label: `Vanishing zone: ‖∇W‖ ≤ ${formatNumber(thresholds.vanishingAbsolute)}`, className: 'vanishing' }];
  return [
    {
      from: -Infinity,
      to: vanishingTop,
      label: `Vanishing zone: ‖∇W‖ ≤ ${formatNumber(thresholds.vanishingRatio)} × the last layer's, or ≤ ${formatNumber(thresholds.vanishingAbsolute)}`,
      className: 'vanishing',
    },
    {
      from: explodingBottom,
      to: Infinity,
      label: `Exploding zone: ‖∇W‖ ≥ ${formatNumber(thresholds.explodingRatio)} × the last layer's`,
      className: 'exploding',
    },
  ];
}
