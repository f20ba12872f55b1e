/**
 * saturated-activation: sigmoid/tanh pre-activations so spread out that most units sit in the
 * flat tails (DeepDiagnosis: more than half beyond |5|, i.e. sd above ~7.4), where the
 * derivative is ~0 and the unit stops learning.
 */
import type { Finding } from '../findings';
import type { LayerIR } from '../ir';
import { matchedInitializerEdits, matchedInitializer } from '../fixes/initializer';
import { effectiveActivation } from '../tfjs/layers';
import { approx, listNames } from './format';
import { flowAt, isSaturating, kernelLayers, propertyValueSpan, trainingRelated } from './modelFacts';
import { placeOnly, type Rule } from './rule';

export const messages = {
  saturated: (layers: string, activation: string, std: number, threshold: number, fraction: number | undefined) =>
    `${activation} saturates in ${layers}: pre-activation sd up to ~${approx(std)} (threshold ${approx(threshold)})` +
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
  check({ text, file, model, flow, settings, placesOnly }) {
    const threshold = settings.thresholds.saturationPreActivationStd;
    const findings: Omit<Finding, 'severity'>[] = [];
    // Layers added in a loop share the activation property: one finding for all of them. Most
    // models saturate nowhere: the map is made on the first saturated layer.
    let groups: Map<string, { layers: LayerIR[]; stds: number[] }> | undefined;
    for (const layer of kernelLayers(model)) {
      if (!isSaturating(effectiveActivation(layer))) continue;
      const std = flowAt(flow, layer.index)?.preActivationStd;
      if (std === undefined || !(std > threshold)) continue;
      const span = propertyValueSpan(layer, 'activation');
      const key = `${span.start}:${span.end}`;
      groups ??= new Map();
      const group = groups.get(key) ?? { layers: [], stds: [] };
      group.layers.push(layer);
      group.stds.push(std);
      groups.set(key, group);
    }
    if (!groups) return findings;
    for (const { layers, stds } of groups.values()) {
      const layer = layers[0];
      if (placesOnly) {
        findings.push(placeOnly('saturated-activation', propertyValueSpan(layer, 'activation')));
        continue;
      }
      const activation = effectiveActivation(layer);
      const worst = layers[stds.indexOf(Math.max(...stds))];
      const layerFlow = flowAt(flow, worst.index);
      const edits = matchedInitializerEdits(text, file, layer, flowAt(flow, layer.index)?.fanIn);
      const related = [
        ...(layer.kernelInitializer ? [{ span: layer.kernelInitializer.span, message: `kernel initializer ${layer.kernelInitializer.name}` }] : []),
        ...trainingRelated(model),
      ];
      findings.push({
        rule: 'saturated-activation',
        message: messages.saturated(listNames(layers.map((each) => each.name)), activation, Math.max(...stds), threshold, layerFlow?.saturatedFraction),
        span: propertyValueSpan(layer, 'activation'),
        related,
        fixes: edits ? [{ title: `Use ${matchedInitializer(activation)} (matched to ${activation})`, preferred: true, edits }] : [],
      });
    }
    return findings;
  },
};
