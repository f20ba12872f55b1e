/**
 * tfjs-api-trap, factory arguments tfjs misreads (verified by running tfjs 4.22):
 * - `tf.initializers.randomNormal(1)`, `glorotUniform(7)`: the factories take one config object; a
 *   number is read as an empty config, so the default applies (randomNormal stays at sd 0.05) and
 *   the number is lost. Keras' positional meaning (a seed for glorot/he/leCun, the mean for
 *   randomNormal) decides the fix.
 * - `tf.layers.globalAveragePooling2d()` / `globalMaxPooling2d()` without a config throw
 *   "Cannot read properties of undefined (reading 'dataFormat')" when called; `({})` works.
 * - `tf.regularizers.l2(0.001)`, `l1(...)`, `l1l2(...)` given a number (Keras' positional factor):
 *   tfjs throws "Argument to L1L2 regularizer's constructor is expected to be an object" when the
 *   regularizer is made. The fix passes the factor under Keras' name for it.
 * - a layer factory given a value where its config belongs (layerConfigArgument.ts).
 */
import type { Finding, Fix } from '../../findings';
import type { InitializerIR, LayerIR, ModelIR } from '../../ir';
import { SpanSet } from '../modelFacts';
import { layerConfigArgumentTrap } from './layerConfigArgument';
import { TRAILING_CAST } from './literals';
import type { ModelContext } from '../rule';

type RuleFinding = Omit<Finding, 'severity'>;

/** The config key Keras gives the first positional argument of each initializer. */
const KERAS_FIRST_ARGUMENT: Record<string, { key: string; preferred: boolean }> = {
  glorotNormal: { key: 'seed', preferred: true },
  glorotUniform: { key: 'seed', preferred: true },
  heNormal: { key: 'seed', preferred: true },
  heUniform: { key: 'seed', preferred: true },
  leCunNormal: { key: 'seed', preferred: true },
  leCunUniform: { key: 'seed', preferred: true },
  varianceScaling: { key: 'scale', preferred: true },
  orthogonal: { key: 'gain', preferred: true },
  // A lone number after randomNormal may mean the mean (Keras) or the sd: the fix is only offered.
  randomNormal: { key: 'mean', preferred: false },
  truncatedNormal: { key: 'mean', preferred: false },
  randomUniform: { key: 'minval', preferred: false },
};

const THROWS_WITHOUT_CONFIG = new Set(['globalAveragePooling2d', 'globalMaxPooling2d', 'globalMaxPool2d']);

export const messages = {
  numberConfig: (call: string, name: string, value: string) =>
    `tf.initializers.${name} takes a config object, not a number: ${call} ignores ${value} and uses the default configuration.`,
  regularizerArgument: (layer: string, key: string, factory: string, value: string) =>
    `${layer} ${key}: tf.regularizers.${factory} takes a config object, not ${value}; tfjs throws "Argument to L1L2 regularizer's constructor is expected to be an object, but received: ${value}" when it is called. Pass ${factory}({ ${factory === 'l1l2' ? 'l1' : factory}: ${value} }).`,
  poolingWithoutConfig: (layer: string, factory: string) =>
    `${layer}: tf.layers.${factory}() without a config throws "Cannot read properties of undefined (reading 'dataFormat')"; pass an empty config: ${factory}({}).`,
};

/** A number as the only argument (casts seen through). */
const NUMBER_ARGUMENT = new RegExp(String.raw`\(\s*(-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)${TRAILING_CAST}\s*\)$`, 'i');

/** `name(<number>)` as written at the initializer's span, with the number's offset and the call without its cast or spaces. */
function numberArgument(text: string, init: InitializerIR): { value: string; start: number; end: number; call: string } | undefined {
  if (init.form !== 'call' || !init.unresolved.includes('config')) return undefined;
  const source = text.slice(init.span.start, init.span.end);
  const match = NUMBER_ARGUMENT.exec(source);
  if (!match) return undefined;
  const start = init.span.start + match.index + match[0].indexOf(match[1]);
  const call = `${source.slice(0, match.index).replace(/\s+/g, '')}(${match[1]})`;
  return { value: match[1], start, end: start + match[1].length, call };
}

function initializerNumberTrap(text: string, init: InitializerIR): RuleFinding | undefined {
  const argument = numberArgument(text, init);
  const keras = KERAS_FIRST_ARGUMENT[init.name];
  if (!argument || !keras) return undefined;
  const fix: Fix = {
    title: `Pass it as ${keras.key}: ${init.name}({ ${keras.key}: ${argument.value} })`,
    preferred: keras.preferred,
    edits: [{ start: argument.start, end: argument.end, newText: `{ ${keras.key}: ${argument.value} }` }],
  };
  return { rule: 'tfjs-api-trap', message: messages.numberConfig(argument.call, init.name, argument.value), span: { start: argument.start, end: argument.end }, related: [], fixes: [fix] };
}

/** Each regularizer of the layer given a value where its config belongs; the fix wraps the value under Keras' key (`l1l2`'s first positional is l1). */
function regularizerArgumentTraps(text: string, layer: LayerIR): RuleFinding[] {
  return Object.entries(layer.regularizerArguments ?? {}).map(([key, { factory, value, span }]) => {
    const written = text.slice(span.start, span.end);
    const configKey = factory === 'l1l2' ? 'l1' : factory;
    const fix: Fix = { title: `Pass it as ${configKey}: ${factory}({ ${configKey}: ${written} })`, preferred: typeof value === 'number', edits: [{ ...span, newText: `{ ${configKey}: ${written} }` }] };
    return { rule: 'tfjs-api-trap', message: messages.regularizerArgument(layer.name, key, factory, String(value)), span, related: [], fixes: [fix] };
  });
}

/** The pooling call without arguments, also inside a wrapper (`timeDistributed({ layer: tf.layers.globalAveragePooling2d() })`). */
function poolingTrap(text: string, layer: LayerIR): RuleFinding | undefined {
  if (!THROWS_WITHOUT_CONFIG.has(layer.factory) || layer.configSpan || layer.unresolved.includes('config')) return undefined;
  const source = text.slice(layer.span.start, layer.span.end);
  const calls = [...source.matchAll(new RegExp(String.raw`(?:[\w$]+\.)*${layer.factory}\s*\(\s*\)`, 'g'))];
  const call = calls[calls.length - 1];
  if (call?.index === undefined) return undefined;
  const start = layer.span.start + call.index;
  const end = start + call[0].length;
  const fix: Fix = { title: `Pass an empty config: ${layer.factory}({})`, preferred: true, edits: [{ start: start + call[0].indexOf('(') + 1, end: end - 1, newText: '{}' }] };
  return { rule: 'tfjs-api-trap', message: messages.poolingWithoutConfig(layer.name, layer.factory), span: { start, end }, related: [], fixes: [fix] };
}

export function factoryArgumentTraps(context: ModelContext, model: ModelIR): RuleFinding[] {
  const { text } = context;
  const findings: RuleFinding[] = [];
  const reported = new SpanSet();
  const add = (finding: RuleFinding | undefined) => {
    if (finding && reported.add(finding.span)) findings.push(finding);
  };
  for (const layer of model.layers) {
    if (layer.kernelInitializer) add(initializerNumberTrap(text, layer.kernelInitializer));
    if (layer.recurrentInitializer) add(initializerNumberTrap(text, layer.recurrentInitializer));
    if (layer.biasInitializer) add(initializerNumberTrap(text, layer.biasInitializer));
    add(poolingTrap(text, layer));
    for (const finding of regularizerArgumentTraps(text, layer)) add(finding);
    add(layerConfigArgumentTrap(text, layer));
  }
  return findings;
}
