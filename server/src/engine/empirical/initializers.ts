/**
 * Seeded tfjs initializers from the IR. The empirical engine must draw weights exactly as tfjs
 * would for the code as written (same initializer class, same arguments, including tfjs's own
 * quirks such as randomNormal's stddev 0 becoming 0.05), only with a seed so runs repeat.
 */
import * as tf from '@tensorflow/tfjs';
import type { InitializerIR } from '../ir';
import { TFJS_INITIALIZERS } from '../tfjs/initializers';

type Initializer = ReturnType<typeof tf.initializers.zeros>;
type Args = Record<string, number | string>;

function num(args: Args, name: string): number | undefined {
  const value = args[name];
  return typeof value === 'number' ? value : undefined;
}

function str<T extends string>(args: Args, name: string): T | undefined {
  const value = args[name];
  return typeof value === 'string' ? (value as T) : undefined;
}

/** Why an initializer cannot be reproduced, or undefined when it can. */
export function initializerProblem(init: InitializerIR | string, role: string): string | undefined {
  const name = typeof init === 'string' ? init : init.name;
  if (!(TFJS_INITIALIZERS as readonly string[]).includes(name)) return `${role} '${name}' is not a tfjs initializer`;
  if (typeof init !== 'string' && init.unresolved.length > 0) {
    return `${role} '${name}': argument(s) ${init.unresolved.join(', ')} could not be resolved statically`;
  }
  return undefined;
}

/** The tfjs layers initializer `init` names, seeded. Call initializerProblem first. */
export function layersInitializer(init: InitializerIR | string, seed: number): Initializer {
  const name = typeof init === 'string' ? init : init.name;
  const args: Args = typeof init === 'string' ? {} : init.args;
  const i = tf.initializers;
  switch (name) {
    case 'glorotNormal': return i.glorotNormal({ seed });
    case 'glorotUniform': return i.glorotUniform({ seed });
    case 'heNormal': return i.heNormal({ seed });
    case 'heUniform': return i.heUniform({ seed });
    case 'leCunNormal': return i.leCunNormal({ seed });
    case 'leCunUniform': return i.leCunUniform({ seed });
    case 'varianceScaling':
      return i.varianceScaling({ scale: num(args, 'scale'), mode: str(args, 'mode'), distribution: str(args, 'distribution'), seed });
    case 'randomNormal': return i.randomNormal({ mean: num(args, 'mean'), stddev: num(args, 'stddev'), seed });
    case 'truncatedNormal': return i.truncatedNormal({ mean: num(args, 'mean'), stddev: num(args, 'stddev'), seed });
    case 'randomUniform': return i.randomUniform({ minval: num(args, 'minval'), maxval: num(args, 'maxval'), seed });
    case 'orthogonal': return i.orthogonal({ gain: num(args, 'gain'), seed });
    case 'identity': return i.identity({ gain: num(args, 'gain') });
    case 'constant': return i.constant({ value: num(args, 'value') ?? 0 });
    case 'ones': return i.ones();
    case 'zeros': return i.zeros();
    default: throw new Error(`unknown initializer '${name}'`);
  }
}

/** tfjs-core spells the positional argument `stdDev`; accept the layers spelling too. */
function coreStddev(args: Args): number {
  return num(args, 'stdDev') ?? num(args, 'stddev') ?? 1;
}

/**
 * A weight drawn as a core-API model draws it (`tf.variable(tf.randomNormal(shape, mean, sd))`):
 * tfjs-core defaults (sd 1, uniform [0, 1)) and no `||` quirk, unlike the layers initializers.
 */
export function coreApiWeight(init: InitializerIR, shape: number[], seed: number): tf.Tensor {
  const args = init.args;
  switch (init.name) {
    case 'randomNormal': return tf.randomNormal(shape, num(args, 'mean') ?? 0, coreStddev(args), 'float32', seed);
    case 'truncatedNormal': return tf.truncatedNormal(shape, num(args, 'mean') ?? 0, coreStddev(args), 'float32', seed);
    case 'randomUniform': return tf.randomUniform(shape, num(args, 'minval') ?? 0, num(args, 'maxval') ?? 1, 'float32', seed);
    default: return tf.tidy(() => layersInitializer(init, seed).apply(shape, 'float32'));
  }
}
