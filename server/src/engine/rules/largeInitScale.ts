/**
 * large-init-scale: an explicit kernel initializer (layers or core API) whose variance × fan-in
 * is more than `initScaleFactor` times the activation's critical gain, so the signal grows at
 * every layer (Poole et al. 2016: χ₁ = σ_w² E[φ'(z)²] > 1 is the chaotic, exploding phase).
 */
import type { InitializerIR, LayerIR, Span } from '../ir';
import type { RelatedInfo } from '../findings';
import { matchedInitializer, matchedInitializerEdits } from '../fixes/initializer';
import { criticalGain } from '../tfjs/initializers';
import { appliedActivation } from './appliedActivation';
import { approx } from './format';
import { constantKind, initializerFanIn, isSaturating, isTrainable, kernelLayers, SpanSet, trainingRelated, weightScaleRatio } from './modelFacts';
import { placeOnly, type Rule, type RuleFinding } from './rule';
import { exceeds } from './thresholdCompare';

function describeInitializer(init: InitializerIR): string {
  const args = Object.entries(init.args).map(([key, value]) => `${key} ${value}`);
  const drawn = args.length ? `${init.name} (${args.join(', ')})` : init.name;
  return init.drawnBy ? `${init.drawnBy}, drawing ${drawn},` : drawn;
}

export const messages = {
  large: (layer: string, init: string, activation: string, gain: number, ratio: number, factor: number) =>
    `Initializer ${init} of ${layer} gives variance × fan-in ~${approx(ratio * gain)}, ${approx(ratio)}× the critical value ${approx(gain)} for ${activation} (threshold ${factor}×): ` +
    (isSaturating(activation) ? 'pre-activations spread into the flat tails and the units saturate.' : 'activations and gradients grow at every layer.'),
};

/** Where the diagnostic goes: the property value at the layer, else the initializer expression. */
function initializerSpan(layer: LayerIR, init: InitializerIR): Span {
  return layer.props.kernelInitializer?.valueSpan ?? init.span;
}

export const largeInitScale: Rule = {
  meta: {
    id: 'large-init-scale',
    description: "An explicit kernel initializer's variance × fan-in is several times the activation's critical gain.",
    defaultSeverity: 'warning',
    type: 'problem',
  },
  check({ text, file, model, flow, settings, placesOnly }) {
    const factor = settings.thresholds.initScaleFactor;
    const findings: RuleFinding[] = [];
    const reported = new SpanSet();
    for (const layer of kernelLayers(model)) {
      const init = layer.kernelInitializer;
      // A frozen layer of constant weights is a fixed map chosen on purpose (a channel sum added back as a residual).
      if (!init || layer.kind === 'embedding' || (constantKind(layer) !== undefined && !isTrainable(text, layer))) continue;
      const ratio = weightScaleRatio(model, layer, flow);
      if (ratio === undefined || !exceeds(ratio, factor)) continue;
      const span = initializerSpan(layer, init);
      if (!reported.add(span)) continue; // layers added in a loop share the same initializer text
      if (placesOnly) {
        findings.push(placeOnly('large-init-scale', span));
        continue;
      }
      const applied = appliedActivation(model, layer, true);
      const activation = applied.name;
      const related: RelatedInfo[] = [];
      if (init.span.start < span.start || init.span.end > span.end) related.push({ span: init.span, message: `${init.name} is defined here` });
      related.push(...trainingRelated(model));
      const edits = matchedInitializerEdits(text, file, layer, initializerFanIn(model, flow, layer), applied);
      const title = layer.placement.kind === 'core'
        ? `Rescale to the critical scale for ${activation} (sqrt(${approx(criticalGain(activation, applied.alpha))} / fan-in))`
        : `Use ${matchedInitializer(activation)} (matched to ${activation})`;
      findings.push({
        rule: 'large-init-scale' as const,
        message: messages.large(layer.name, describeInitializer(init), activation, criticalGain(activation, applied.alpha), ratio, factor),
        span,
        related,
        fixes: edits ? [{ title, preferred: true, edits }] : [],
      });
    }
    return findings;
  },
};
