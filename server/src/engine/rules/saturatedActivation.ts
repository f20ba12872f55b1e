/**
 * saturated-activation: sigmoid/tanh pre-activations so spread out that most units sit in the
 * flat tails (DeepDiagnosis: more than half beyond |5|, i.e. sd above ~7.4), where the
 * derivative is ~0 and the unit stops learning.
 */
import type { Finding } from '../findings';
import { matchedInitializerEdits, matchedInitializer } from '../fixes/initializer';
import { effectiveActivation } from '../tfjs/layers';
import { approx } from './format';
import { flowAt, isSaturating, kernelLayers, propertyValueSpan, trainingRelated } from './modelFacts';
import type { Rule } from './rule';

export const messages = {
  saturated: (layer: string, activation: string, std: number, threshold: number, fraction: number | undefined) =>
    `${activation} of ${layer} saturates: pre-activation sd ~${approx(std)} (threshold ${approx(threshold)})` +
    (fraction !== undefined ? `, ~${Math.round(fraction * 100)}% of units beyond |5|` : '') +
    `, where the derivative is ~0 and units stop learning.`,
};

export const saturatedActivation: Rule = {
  meta: {
    id: 'saturated-activation',
    description: 'Sigmoid/tanh pre-activations are spread so wide that most units saturate.',
    defaultSeverity: 'warning',
    type: 'problem',
  },
  check({ text, file, model, flow, settings }) {
    const threshold = settings.thresholds.saturationPreActivationStd;
    const findings: Omit<Finding, 'severity'>[] = [];
    const reported = new Set<string>();
    for (const layer of kernelLayers(model)) {
      const activation = effectiveActivation(layer);
      if (!isSaturating(activation)) continue;
      const layerFlow = flowAt(flow, layer.index);
      const std = layerFlow?.preActivationStd;
      if (std === undefined || !(std > threshold)) continue;
      const span = propertyValueSpan(layer, 'activation');
      const key = `${span.start}:${span.end}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const edits = matchedInitializerEdits(text, file, layer, layerFlow?.fanIn);
      const related = [
        ...(layer.kernelInitializer ? [{ span: layer.kernelInitializer.span, message: `kernel initializer ${layer.kernelInitializer.name}` }] : []),
        ...trainingRelated(model),
      ];
      findings.push({
        rule: 'saturated-activation',
        message: messages.saturated(layer.name, activation, std, threshold, layerFlow?.saturatedFraction),
        span,
        related,
        fixes: edits ? [{ title: `Use ${matchedInitializer(activation)} (matched to ${activation})`, preferred: true, edits }] : [],
      });
    }
    return findings;
  },
};
