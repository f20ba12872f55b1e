/** Per-layer pre-activation sd (log axis) and the saturated / dead fraction of each weight layer. */
import type { FlowPrediction } from '../../server/src/engine/flow/prediction';
import type { ModelIR } from '../../server/src/engine/ir';
import type { PanelModel } from '../../server/src/engine/protocol';
import { type ChartSeries, renderChart } from './chart';
import { formatNumber, formatPercent } from './format';
import { kernelLayers } from './kernelLayers';
import type { Measured } from './results';

interface Variant {
  id: string;
  label: string;
  className: 'written' | 'fixed';
  kind: 'line' | 'points';
  ir: ModelIR;
  flow: FlowPrediction;
}

export function preActivationCharts(model: PanelModel, measured: Measured, width: number): SVGSVGElement[] {
  const variants = modelVariants(model, measured);
  const ticks = kernelLayers(model.ir, model.flow).map((layer) => ({ x: layer.ordinal, label: layer.name }));
  const xDomain: [number, number] = [0, Math.max(0, ticks.length - 1)];
  const spread = renderChart({
    id: 'pre-activation',
    width,
    title: `Pre-activation standard deviation per weight layer of ${model.name}, log scale`,
    yAxis: 'log10',
    yLabel: 'pre-activation sd',
    xTicks: ticks,
    xDomain,
    series: variants.map(spreadSeries),
  });
  const fractions = renderChart({
    id: 'fractions',
    width,
    title: `Saturated (sigmoid/tanh |z| > 5) or dead (relu z ≤ 0) fraction per weight layer of ${model.name}`,
    yAxis: 'linear',
    yLabel: 'saturated / dead',
    xTicks: ticks,
    xDomain,
    yInclude: [0, 1],
    height: 110,
    series: variants.filter((variant) => variant.kind === 'line').map(fractionSeries),
  });
  return [spread, fractions];
}

function modelVariants(model: PanelModel, measured: Measured): Variant[] {
  const variants: Variant[] = [{ id: 'analytic-written', label: 'As written (analytic)', className: 'written', kind: 'line', ir: model.ir, flow: model.flow }];
  if (model.fixed) variants.push({ id: 'analytic-fixed', label: 'With fixes (analytic)', className: 'fixed', kind: 'line', ...model.fixed });
  if (measured.written) variants.push({ id: 'empirical-written', label: 'As written (measured)', className: 'written', kind: 'points', ir: model.ir, flow: measured.written });
  if (measured.fixed && model.fixed) variants.push({ id: 'empirical-fixed', label: 'With fixes (measured)', className: 'fixed', kind: 'points', ir: model.fixed.ir, flow: measured.fixed });
  return variants;
}

function spreadSeries(variant: Variant): ChartSeries {
  return {
    label: variant.label,
    className: variant.className,
    kind: variant.kind,
    id: variant.id,
    points: kernelLayers(variant.ir, variant.flow)
      .filter((layer) => layer.flow.preActivationStd !== undefined && layer.flow.preActivationStd > 0)
      .map((layer) => ({
        x: layer.ordinal,
        y: Math.log10(layer.flow.preActivationStd as number),
        title: `${layer.name} (${variant.label}): pre-activation sd ${formatNumber(layer.flow.preActivationStd as number)}`,
      })),
  };
}

function fractionSeries(variant: Variant): ChartSeries {
  return {
    label: variant.label,
    className: variant.className,
    kind: 'bars',
    id: `fraction-${variant.id}`,
    points: kernelLayers(variant.ir, variant.flow).flatMap((layer) => {
      const { saturatedFraction, deadFraction } = layer.flow;
      if (saturatedFraction !== undefined) return [{ x: layer.ordinal, y: saturatedFraction, title: `${layer.name} (${variant.label}): ${formatPercent(saturatedFraction)} saturated` }];
      if (deadFraction !== undefined) return [{ x: layer.ordinal, y: deadFraction, title: `${layer.name} (${variant.label}): ${formatPercent(deadFraction)} dead` }];
      return [];
    }),
  };
}
