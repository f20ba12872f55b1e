/**
 * constant-initializer: a `zeros`/`ones`/`constant` kernel initializer on a trained layer, in the
 * two cases where it stops training rather than slowing it (measured with tfjs 4.22, dense 4→6→1,
 * sgd 0.1, 100 steps; see docs/rules/constant-initializer.md):
 * - zero kernel (and zero bias) under relu/relu6: every pre-activation is exactly 0, where tfjs's
 *   relu gradient is 0, so neither this layer nor any layer before it ever gets a gradient;
 * - a constant kernel followed by another constant kernel: the units of the first receive identical
 *   gradients and stay identical forever (measured spread across units after training: 0).
 * A constant kernel followed by a randomly initialised layer is not reported: the next layer's
 * random weights give each unit its own gradient and the units diverge (measured).
 */
import type { RelatedInfo } from '../findings';
import type { LayerIR, ModelIR } from '../ir';
import { initializerReplacementEdits, matchedInitializer } from '../fixes/initializer';
import { effectiveActivation } from '../tfjs/layers';
import { soleConsumer } from '../layerConsumers';
import { constantKind, isTrainable, kernelLayers, SpanSet } from './modelFacts';
import type { Rule, RuleFinding } from './rule';

/** Activations whose derivative at 0 is 0 in tfjs (relu's gradient is step(x), and step(0) = 0). */
const ZERO_SLOPE_AT_ZERO = new Set(['relu', 'relu6']);

const KERNEL_KEYS = ['kernelInitializer', 'embeddingsInitializer'] as const;

export const messages = {
  deadRelu: (layer: string, init: string, activation: string, bypass: Bypass) =>
    `${layer} starts with a ${init} kernel and zero bias under ${activation}: every pre-activation is 0, where ${activation}'s gradient is 0, so ` +
    (bypass === 'input' ? `${layer} never receives a gradient (the layers before it get theirs only through their other paths).`
      : bypass === 'upstream' ? `${layer} and the layers that feed only it never receive a gradient (the layers before those get theirs only through their other paths, such as a residual add).`
        : `${layer} and every layer before it never receive a gradient.`),
  symmetric: (layer: string, init: string, next: string, nextInit: string, units: number) =>
    `${layer} (${init} kernel) feeds ${next} (${nextInit} kernel): the ${units} units of ${layer} get identical gradients and stay identical for the whole training (one unit's worth of capacity).`,
};

/**
 * Where the gradient that a dead layer blocks still reaches the layers before it: its own input
 * feeds another layer too ('input'), or a layer further back does (a residual block's branch:
 * 'upstream'), or no way at all ('none').
 */
type Bypass = 'input' | 'upstream' | 'none';

function bypassOf(model: ModelIR, layer: LayerIR): Bypass {
  const feedsElsewhere = (current: LayerIR) => current.inputs.some((index) => soleConsumer(model, model.layers[index]) !== current);
  if (feedsElsewhere(layer)) return 'input';
  // Back through the layers that feed only the ones after them, each visited once.
  const seen = new Set<LayerIR>([layer]);
  const pending = layer.inputs.map((index) => model.layers[index]);
  while (pending.length > 0) {
    const current = pending.pop();
    if (!current || seen.has(current)) continue;
    seen.add(current);
    if (feedsElsewhere(current)) return 'upstream';
    for (const index of current.inputs) pending.push(model.layers[index]);
  }
  return 'none';
}

function zeroBias(layer: LayerIR): boolean {
  if (layer.useBias === false) return true;
  return !layer.biasInitializer || constantKind(layer, layer.biasInitializer) === 'zero';
}

/** The next kernel layer that consumes `layer`'s output (through layers without weights). */
function nextKernelLayer(model: ModelIR, layer: LayerIR): LayerIR | undefined {
  const consumer = soleConsumer(model, layer);
  if (!consumer) return undefined;
  return kernelLayers(model).includes(consumer) ? consumer : nextKernelLayer(model, consumer);
}

function initializerText(text: string, layer: LayerIR): string {
  const init = layer.kernelInitializer;
  if (!init) return 'default';
  const written = text.slice(init.span.start, init.span.end).replace(/\s+/g, ' ');
  // Passed by a name (`kernelInitializer: init`): what the name holds.
  return written.includes(init.name) ? written : `'${init.name}'`;
}

export const constantInitializer: Rule = {
  meta: {
    id: 'constant-initializer',
    description: 'A zeros/ones/constant kernel initializer that keeps a trained layer from learning (dead relu, units that stay identical).',
    defaultSeverity: 'warning',
    type: 'problem',
  },
  check({ text, file, model }) {
    const findings: RuleFinding[] = [];
    const reported = new SpanSet();
    for (const layer of kernelLayers(model)) {
      const kind = constantKind(layer);
      if (!kind) continue;
      const key = KERNEL_KEYS.find((candidate) => layer.props[candidate]);
      const prop = key && layer.props[key];
      if (!prop || !isTrainable(text, layer) || layer.placement.kind === 'core') continue;
      const activation = effectiveActivation(layer);
      const next = nextKernelLayer(model, layer);
      let message: string | undefined;
      const related: RelatedInfo[] = [];
      if (kind === 'zero' && ZERO_SLOPE_AT_ZERO.has(activation) && zeroBias(layer)) {
        message = messages.deadRelu(layer.name, initializerText(text, layer), activation, bypassOf(model, layer));
      } else if (next && constantKind(next) && (layer.units ?? 0) > 1 && isTrainable(text, next)) {
        message = messages.symmetric(layer.name, initializerText(text, layer), next.name, initializerText(text, next), layer.units as number);
        related.push({ span: next.kernelInitializer?.span ?? next.span, message: `${next.name}'s kernel is constant too` });
      }
      if (!message || !reported.add(prop.valueSpan)) continue;
      const replacement = matchedInitializer(activation);
      const edits = initializerReplacementEdits(text, file, layer, key, replacement);
      findings.push({
        rule: 'constant-initializer',
        message,
        span: prop.valueSpan,
        related,
        fixes: edits ? [{ title: `Use ${replacement} (matched to ${activation})`, preferred: true, edits }] : [],
      });
    }
    return findings;
  },
};
