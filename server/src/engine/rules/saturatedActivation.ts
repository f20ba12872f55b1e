/**
 * saturated-activation: sigmoid/tanh pre-activations so spread out that most units sit in the
 * flat tails (DeepDiagnosis: more than half beyond |5|, i.e. sd above ~7.4), where the
 * derivative is ~0 and the unit stops learning.
 */
import type { Finding } from '../findings';
import type { LayerIR } from '../ir';
import type { FlowPrediction } from '../flow/prediction';
import { matchedInitializerEdits, matchedInitializer } from '../fixes/initializer';
import { initializerMoments, secondMoment } from '../tfjs/initializers';
import { appliedActivation } from './appliedActivation';
import { approx, listNames } from './format';
import { behindOpaque, flowAt, isSaturating, initializerFanIn, kernelLayers, kernelVariance, propertyValueSpan, trainingRelated } from './modelFacts';
import { placeOnly, type Rule } from './rule';
import { lossesOfOutput } from './outputLossMismatch';
import { lossExpectation } from '../tfjs/losses';
import type { ModelIR } from '../ir';

/**
 * Where binaryCrossentropy stops passing gradient to a sigmoid output: tfjs clips the probability
 * to [ε, 1 − ε] with the backend's ε, 1e-7 in float32 (tfjs-layers losses.ts, backend/common.ts),
 * before taking its log-odds, so
 * beyond |z| = ln((1 − ε)/ε) ≈ 16.1 the clip's gradient is 0. Inside it the loss cancels the
 * sigmoid's slope (the gradient at z is p − y), so a wide spread there is confidence, not saturation.
 */
const CROSSENTROPY_CLIPPED_LOGIT = Math.log((1 - 1e-7) / 1e-7);
/** Half the units of a zero-mean normal lie beyond 0.6745 sd: the sd where half are past a bound. */
const MEDIAN_ABSOLUTE_DEVIATE = 0.6745;

/** A sigmoid output whose every loss is a probability crossentropy: the loss cancels the sigmoid's slope. */
function crossentropyCancelsSlope(model: ModelIR, applied: LayerIR): boolean {
  return model.outputs.some((output, position) => {
    if (model.layers[output] !== applied) return false;
    const losses = lossesOfOutput(model, position);
    return losses.length > 0 && losses.every((loss) => lossExpectation(loss) === 'unitProbabilities');
  });
}

export const messages = {
  saturated: (layers: string, activation: string, std: number, threshold: number, fraction: number | undefined) =>
    `${activation} saturates in ${layers}: pre-activation sd up to ~${approx(std)} (threshold ${approx(threshold)})` +
    (fraction !== undefined ? `, ~${Math.round(fraction * 100)}% of units beyond |5|` : '') +
    `, where the derivative is ~0 and units stop learning.`,
  inputTooLarge: (layer: string, initializer: string, std: number) =>
    ` ${initializer} on ${layer} would leave the pre-activation sd at ~${approx(std)}: the signal reaching it is already too large, so the cause lies in the layers before it.`,
};

/**
 * The largest pre-activation sd the layers would keep with the matched initializer. With no bias
 * (the default) the pre-activation variance is E[w²] × fan-in × the input's mean square, so it
 * scales with the kernel's E[w²]; each layer is taken with the input it gets now (behind a
 * saturated layer of the group that input is already at its largest, ~1). Undefined when a fan is
 * not known.
 */
function sdWithMatchedInitializer(layers: readonly LayerIR[], stds: readonly number[], flow: FlowPrediction, matched: string): number | undefined {
  let worst = 0;
  for (let i = 0; i < layers.length; i++) {
    const layerFlow = flowAt(flow, layers[i].index);
    if (!layerFlow?.fanIn || !layerFlow.fanOut) return undefined;
    const current = kernelVariance(layers[i], layerFlow, layerFlow.fanIn, layerFlow.fanOut);
    const after = secondMoment(initializerMoments(matched, [layerFlow.fanIn, layerFlow.fanOut]));
    if (!(current > 0)) return undefined;
    worst = Math.max(worst, stds[i] * Math.sqrt(after / current));
  }
  return worst;
}

export const saturatedActivation: Rule = {
  meta: {
    id: 'saturated-activation',
    description: 'Sigmoid/tanh pre-activations are spread so wide that most units saturate.',
    defaultSeverity: 'warning',
    type: 'problem',
  },
  check({ text, file, model, flow, settings, placesOnly }) {
    // A kernel layer's pre-activations feed its own activation or an activation layer right after it (Keras style).
    const activationOf = (layer: LayerIR) => appliedActivation(model, layer, true);
    const threshold = settings.thresholds.saturationPreActivationStd;
    const boundOf = (layer: LayerIR) => {
      const applied = activationOf(layer);
      return applied.name === 'sigmoid' && crossentropyCancelsSlope(model, applied.writtenOn) ? Math.max(threshold, CROSSENTROPY_CLIPPED_LOGIT / MEDIAN_ABSOLUTE_DEVIATE) : threshold;
    };
    const findings: Omit<Finding, 'severity'>[] = [];
    // Layers added in a loop share the activation property: one finding for all of them. Most
    // models saturate nowhere: the map is made on the first saturated layer.
    let groups: Map<string, { layers: LayerIR[]; stds: number[] }> | undefined;
    let opaqueBefore: boolean[] | undefined;
    for (const layer of kernelLayers(model)) {
      const applied = activationOf(layer);
      if (!isSaturating(applied.name)) continue;
      const std = flowAt(flow, layer.index)?.preActivationStd;
      if (std === undefined || !(std > boundOf(layer))) continue;
      // Behind an opaque layer the predicted scale is an assumption, not evidence.
      if ((opaqueBefore ??= behindOpaque(model))[layer.index]) continue;
      const span = propertyValueSpan(applied.writtenOn, 'activation');
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
      const { name: activation, writtenOn } = activationOf(layer);
      if (placesOnly) {
        findings.push(placeOnly('saturated-activation', propertyValueSpan(writtenOn, 'activation')));
        continue;
      }
      const worst = layers[stds.indexOf(Math.max(...stds))];
      // The saturated fraction is reported where the activation is applied.
      const layerFlow = flowAt(flow, activationOf(worst).writtenOn.index);
      const edits = matchedInitializerEdits(text, file, layer, initializerFanIn(model, flow, layer), activationOf(layer));
      const matched = matchedInitializer(activation);
      // The fix is preferred only where it removes the finding: not when the input is what is too large.
      const sdAfterFix = layer.placement.kind === 'core' ? undefined : sdWithMatchedInitializer(layers, stds, flow, matched);
      const fixHelps = sdAfterFix === undefined || sdAfterFix <= threshold;
      const related = [
        ...(layer.kernelInitializer ? [{ span: layer.kernelInitializer.span, message: `kernel initializer ${layer.kernelInitializer.name}` }] : []),
        ...trainingRelated(model),
      ];
      findings.push({
        rule: 'saturated-activation',
        message: messages.saturated(listNames(layers.map((each) => each.name)), activation, Math.max(...stds), boundOf(layer), layerFlow?.saturatedFraction) +
          (fixHelps ? '' : messages.inputTooLarge(listNames(layers.map((each) => each.name)), matched, sdAfterFix!)),
        span: propertyValueSpan(writtenOn, 'activation'),
        related,
        fixes: edits ? [{ title: `Use ${matched} (matched to ${activation})`, preferred: fixHelps, edits }] : [],
      });
    }
    return findings;
  },
};
