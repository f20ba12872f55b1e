/** The training preview: loss and global gradient norm per step, as written vs with fixes, stopping at NaN. */
import type { TrainingPreview, TrainingStep } from '../../server/src/engine/empirical/types';
import { type ChartSeries, type ChartSpec, renderChart } from './chart';
import { formatNumber } from './format';
import type { Measured } from './results';

export function trainingCharts(measured: Measured, width: number): SVGSVGElement[] {
  const runs: [TrainingPreview | undefined, 'written' | 'fixed', string][] = [
    [measured.trainingWritten, 'written', 'As written'],
    [measured.trainingFixed, 'fixed', 'With fixes'],
  ];
  const present = runs.filter((run): run is [TrainingPreview, 'written' | 'fixed', string] => run[0] !== undefined);
  const steps = Math.max(1, ...present.map(([preview]) => preview.steps.length));
  const chart = (quantity: 'loss' | 'gradNorm', title: string, yLabel: string): SVGSVGElement => {
    const spec: ChartSpec = {
      id: `training-${quantity}`,
      width,
      title,
      yAxis: 'log10',
      yLabel,
      xTicks: [0, Math.floor((steps - 1) / 2), steps - 1].map((x) => ({ x, label: `step ${x}` })),
      xDomain: [0, Math.max(1, steps - 1)],
      series: present.map(([preview, variant, label]) => curve(preview, variant, label, quantity)),
      notes: present.flatMap(([preview, , label]) => divergenceNote(preview, label, quantity)),
    };
    return renderChart(spec);
  };
  return [chart('loss', 'Training preview: loss per step, log scale', 'loss'), chart('gradNorm', 'Training preview: global gradient norm per step, log scale', '‖∇‖')];
}

function curve(preview: TrainingPreview, variant: 'written' | 'fixed', label: string, quantity: 'loss' | 'gradNorm'): ChartSeries {
  const optimizer = `${preview.optimizer.name}(${formatNumber(preview.optimizer.learningRate)})`;
  return {
    label: `${label}: ${optimizer}`,
    className: variant,
    kind: 'line',
    id: `training-${quantity}-${variant}`,
    pointRadius: 1.2,
    points: finiteSteps(preview, quantity).map((step) => ({
      x: step.step,
      y: Math.log10(step[quantity]),
      title: `${label}, step ${step.step}: ${quantity === 'loss' ? 'loss' : 'gradient norm'} ${formatNumber(step[quantity])}`,
    })),
  };
}

/** The plottable prefix: the curve stops at the first non-finite or non-positive value. */
function finiteSteps(preview: TrainingPreview, quantity: 'loss' | 'gradNorm'): TrainingStep[] {
  const end = preview.steps.findIndex((step) => !(Number.isFinite(step[quantity]) && step[quantity] > 0));
  return end === -1 ? preview.steps : preview.steps.slice(0, end);
}

function divergenceNote(preview: TrainingPreview, label: string, quantity: 'loss' | 'gradNorm'): { x: number; y: number; text: string }[] {
  if (preview.divergence !== 'nonFinite') return [];
  const finite = finiteSteps(preview, quantity);
  const last = finite[finite.length - 1];
  return last ? [{ x: last.step, y: Math.log10(last[quantity]), text: `${label}: NaN` }] : [];
}
