/**
 * long-simple-rnn: a simpleRNN backpropagating through many time steps. Its gradient through
 * time is a product of T recurrent Jacobians W_rᵀ·diag(tanh'), which vanishes or explodes
 * geometrically in T (Bengio et al. 1994); lstm/gru gates keep an additive path through time.
 */
import type { Finding, Fix } from '../findings';
import type { LayerIR } from '../ir';
import type { FlowPrediction } from '../flow/prediction';
import { replaceRecurrentFactoryEdits, simpleRnnFactorySpans } from '../fixes/recurrent';
import { factoryNameSpan } from '../fixes/sourceStyle';
import { isKnownSize } from '../flow/unknowns';
import { approxPow10 } from './format';
import { flowAt, trainingRelated } from './modelFacts';
import { placeOnly, type Rule } from './rule';

export const messages = {
  long: (layer: string, steps: number, threshold: number, log10Gain: number | undefined) =>
    `${layer} is a simpleRNN over ${steps} time steps (threshold ${threshold}): its gradient through time is a product of ${steps} recurrent Jacobians` +
    (log10Gain !== undefined ? ` (predicted backward gain ~${approxPow10(log10Gain)})` : '') +
    ` and vanishes or explodes; lstm or gru gates keep a path through time.`,
};

/**
 * The number of time steps `layer` runs over, when its input's time axis has a size: its own
 * inputShape, else the shape the flow carried to it (through convolutions, pooling, reshapes);
 * a size that rests on an unknown upstream varies across the robust check's predictions.
 */
function timeSteps(layer: LayerIR, flow: FlowPrediction): number | undefined {
  const own = layer.inputShape?.[0];
  if (own !== undefined && isKnownSize(own)) return own;
  return flowAt(flow, layer.index)?.timeSteps;
}

export const longSimpleRnn: Rule = {
  meta: {
    id: 'long-simple-rnn',
    description: 'A simpleRNN backpropagates through a long sequence.',
    defaultSeverity: 'warning',
    type: 'problem',
  },
  check({ text, model, flow, settings, placesOnly }) {
    const threshold = settings.thresholds.longRnnSteps;
    const findings: Omit<Finding, 'severity'>[] = [];
    for (const layer of model.layers) {
      if (layer.kind !== 'simpleRNN') continue;
      const steps = timeSteps(layer, flow);
      if (steps === undefined || steps < threshold) continue;
      const factorySpans = simpleRnnFactorySpans(text, layer);
      const [named] = factorySpans;
      const span = named ? { start: named.start, end: named.end } : (factoryNameSpan(text, layer) ?? layer.span);
      if (placesOnly) {
        findings.push(placeOnly('long-simple-rnn', span));
        continue;
      }
      const fixes: Fix[] = [];
      for (const [factory, preferred] of [['lstm', true], ['gru', false]] as const) {
        const edits = replaceRecurrentFactoryEdits(factorySpans, factory);
        if (edits.length) fixes.push({ title: `Use ${factory} instead of simpleRNN`, preferred, edits });
      }
      findings.push({
        rule: 'long-simple-rnn',
        message: messages.long(layer.name, steps, threshold, flowAt(flow, layer.index)?.log10BackwardGain),
        span,
        related: trainingRelated(model),
        fixes,
      });
    }
    return findings;
  },
};
