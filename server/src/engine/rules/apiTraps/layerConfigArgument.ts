/**
 * tfjs-api-trap, a layer factory given a value where its config object belongs: Keras code
 * ported as `tf.layers.dropout(0.5)` or `tf.layers.activation('relu')`. tfjs reads every setting
 * from one config object, so the value is lost. Some layers then throw when created (a required
 * size is missing); the others silently keep their defaults, which is the worse trap (verified by
 * running tfjs 4.22, test/unit/rules/layerConfigArgument.test.ts):
 * dropout(0.5) gets rate NaN and drops nothing, activation('relu') stays linear,
 * leakyReLU(0.2) keeps alpha 0.3.
 */
import type { Finding, Fix } from '../../findings';
import type { LayerIR, Span } from '../../ir';
import { TRAILING_CAST } from './literals';

type RuleFinding = Omit<Finding, 'severity'>;

interface PositionalMeaning {
  /** The config key Keras gives the first positional argument. */
  key: string;
  /** What tfjs 4.22 does with the lost value. */
  effect: string;
}

const THROWS = 'throws when the layer is created';
const DEFAULTS = 'the value is lost and the layer keeps its defaults';

/** Factories whose Keras counterpart takes a positional first argument, and what tfjs does instead. */
export const POSITIONAL_FIRST_ARGUMENT: Record<string, PositionalMeaning> = {
  dense: { key: 'units', effect: THROWS },
  simpleRNN: { key: 'units', effect: THROWS },
  lstm: { key: 'units', effect: THROWS },
  gru: { key: 'units', effect: THROWS },
  conv1d: { key: 'filters', effect: THROWS },
  conv2d: { key: 'filters', effect: THROWS },
  conv2dTranspose: { key: 'filters', effect: THROWS },
  embedding: { key: 'inputDim', effect: THROWS },
  maxPooling2d: { key: 'poolSize', effect: THROWS },
  averagePooling2d: { key: 'poolSize', effect: THROWS },
  reshape: { key: 'targetShape', effect: THROWS },
  dropout: { key: 'rate', effect: 'the rate becomes NaN and the layer drops nothing' },
  spatialDropout1d: { key: 'rate', effect: 'the rate becomes NaN and the layer drops nothing' },
  activation: { key: 'activation', effect: 'the activation is lost and the layer stays linear' },
  leakyReLU: { key: 'alpha', effect: 'alpha stays at its default 0.3' },
  elu: { key: 'alpha', effect: 'alpha stays at its default 1' },
  reLU: { key: 'maxValue', effect: 'the cap is lost: the layer is a plain relu' },
  upSampling2d: { key: 'size', effect: 'the size stays at its default [2, 2]' },
  repeatVector: { key: 'n', effect: DEFAULTS },
  gaussianNoise: { key: 'stddev', effect: DEFAULTS },
  gaussianDropout: { key: 'rate', effect: DEFAULTS },
  batchNormalization: { key: 'axis', effect: DEFAULTS },
};

export const messages = {
  valueForConfig: (layer: string, factory: string, argument: string, meaning: PositionalMeaning, written = argument) =>
    `${layer}: tf.layers.${factory} takes a config object, not ${argument}: ${meaning.effect}. Pass it as ${factory}({ ${meaning.key}: ${written} }).`,
};

/** A number, string or array literal as the only argument (casts seen through): never a config object. */
const LITERAL_ARGUMENT = new RegExp(String.raw`\(\s*(-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?|'[^'\n]*'|"[^"\n]*"|\[[^\]\n]*\])${TRAILING_CAST}\s*\)$`, 'i');

export function layerConfigArgumentTrap(text: string, layer: LayerIR): RuleFinding | undefined {
  const meaning = POSITIONAL_FIRST_ARGUMENT[layer.factory];
  if (!meaning || layer.configSpan || !layer.unresolved.includes('config')) return undefined;
  const source = text.slice(layer.span.start, layer.span.end);
  const match = LITERAL_ARGUMENT.exec(source);
  if (match) {
    const argument = match[1];
    const start = layer.span.start + match.index + match[0].indexOf(argument);
    return trapAt(layer, meaning, { start, end: start + argument.length }, argument, argument);
  }
  // A name or expression (a helper's parameter, a constant) whose value is a number, string or array.
  const positional = layer.positionalArgument;
  if (!positional) return undefined;
  const written = text.slice(positional.span.start, positional.span.end);
  return trapAt(layer, meaning, positional.span, written, `${written} (${positional.value})`);
}

/** The finding for `written` at `span`, shown in the message as `shown`; the fix wraps it in a config. */
function trapAt(layer: LayerIR, meaning: PositionalMeaning, span: Span, written: string, shown: string): RuleFinding {
  const fix: Fix = {
    title: `Pass it as ${meaning.key}: ${layer.factory}({ ${meaning.key}: ${written} })`,
    preferred: true,
    edits: [{ ...span, newText: `{ ${meaning.key}: ${written} }` }],
  };
  return { rule: 'tfjs-api-trap', message: messages.valueForConfig(layer.name, layer.factory, shown, meaning, written), span, related: [], fixes: [fix] };
}
