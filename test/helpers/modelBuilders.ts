/**
 * Programmatic ModelIR builders for tests (analytic, empirical and rules engineers alike), so a
 * test can say "an 8-layer sigmoid MLP" without writing tfjs source and running extraction.
 *
 *   mlp({ depth: 8, activation: 'sigmoid', initializer: 'glorotUniform' })
 *   mlp({ depth: 32, activation: 'relu', initializer: 'heUniform', batchNorm: true })
 *   sequential([layer('lstm', { units: 32 }), layer('dense', { units: 1 })], [100, 8])
 *
 * Spans are synthetic (every layer at [i, i+1)); placement is 'arrayElement' (core for `core`).
 */
import type { InitializerIR, LayerIR, LayerKind, ModelIR } from '../../server/src/engine/ir';

/** An initializer as written: a name ('heNormal') or a name with config args. */
export type InitializerSpec = string | { name: string; args?: Record<string, number | string> };

export function initializer(spec: InitializerSpec): InitializerIR {
  const { name, args } = typeof spec === 'string' ? { name: spec, args: {} } : { name: spec.name, args: spec.args ?? {} };
  return { name, args: { ...args }, argSpans: {}, span: { start: 0, end: 0 }, form: typeof spec === 'string' ? 'string' : 'call', unresolved: [] };
}

/** Layer properties a test may set; initializers may be given as specs. */
export type LayerSpec = Partial<Omit<LayerIR, 'kind' | 'kernelInitializer' | 'recurrentInitializer' | 'biasInitializer'>> & {
  kernelInitializer?: InitializerSpec;
  recurrentInitializer?: InitializerSpec;
  biasInitializer?: InitializerSpec;
};

/** One layer; `index`, `inputs` and `name` are filled in by `sequential`/`graph`. */
export function layer(kind: LayerKind, spec: LayerSpec = {}): LayerIR {
  const { kernelInitializer, recurrentInitializer, biasInitializer, ...rest } = spec;
  return {
    index: 0,
    name: '',
    factory: kind,
    inputs: [],
    span: { start: 0, end: 0 },
    props: {},
    placement: { kind: 'arrayElement' },
    unresolved: [],
    notes: [],
    ...rest,
    kind,
    ...(kernelInitializer !== undefined ? { kernelInitializer: initializer(kernelInitializer) } : {}),
    ...(recurrentInitializer !== undefined ? { recurrentInitializer: initializer(recurrentInitializer) } : {}),
    ...(biasInitializer !== undefined ? { biasInitializer: initializer(biasInitializer) } : {}),
  };
}

function finish(name: string, api: ModelIR['api'], layers: LayerIR[], inputShape: (number | null)[] | undefined): ModelIR {
  const counts = new Map<string, number>();
  layers.forEach((l, i) => {
    l.index = i;
    l.span = { start: i, end: i + 1 };
    if (!l.name) {
      const n = (counts.get(l.kind) ?? 0) + 1;
      counts.set(l.kind, n);
      l.name = `${l.kind}_${n}`;
    }
  });
  if (inputShape && layers[0] && !layers[0].inputShape) layers[0].inputShape = [...inputShape];
  return {
    name,
    api,
    span: { start: 0, end: layers.length },
    nameSpan: { start: 0, end: 0 },
    layers,
    inputShape: inputShape ? [...inputShape] : undefined,
    outputs: layers.length > 0 ? [layers.length - 1] : [],
    unresolved: [],
    notes: [],
  };
}

/** A sequential model: each layer feeds the next; `inputShape` excludes the batch axis. */
export function sequential(layers: LayerIR[], inputShape?: (number | null)[], name = 'model'): ModelIR {
  layers.forEach((l, i) => {
    l.inputs = i === 0 ? [] : [i - 1];
  });
  return finish(name, 'sequential', layers, inputShape);
}

/**
 * A functional model: `inputs` of each layer are indices into the same array (topological
 * order); layers with no inputs read the model input. The last layer is the output.
 */
export function graph(layers: Array<{ layer: LayerIR; inputs: number[] }>, inputShape?: (number | null)[], name = 'model'): ModelIR {
  const model = finish(name, 'functional', layers.map((entry) => entry.layer), inputShape);
  layers.forEach((entry, i) => {
    model.layers[i].inputs = [...entry.inputs];
  });
  return model;
}

export interface MlpOptions {
  /** Hidden dense layers. */
  depth: number;
  /** Hidden units and input size (default 128, DESIGN section 5). */
  width?: number;
  inputSize?: number;
  /** Hidden activation string; undefined = tfjs default (linear). */
  activation?: string;
  /** Hidden kernel initializer; undefined = tfjs default (glorotNormal). */
  initializer?: InitializerSpec;
  /** A batchNormalization layer after every hidden dense layer. */
  batchNorm?: boolean;
  /**
   * The output layer: by default DESIGN section 5's head,
   * dense({units: 10, kernelInitializer: 'glorotUniform'}); false for none.
   */
  head?: false | { units: number; initializer?: InitializerSpec; activation?: string };
}

/** The MLP of DESIGN section 5's known results. */
export function mlp(options: MlpOptions): ModelIR {
  const width = options.width ?? 128;
  const layers: LayerIR[] = [];
  for (let i = 0; i < options.depth; i++) {
    layers.push(layer('dense', {
      units: width,
      ...(options.activation !== undefined ? { activation: options.activation } : {}),
      ...(options.initializer !== undefined ? { kernelInitializer: options.initializer } : {}),
    }));
    if (options.batchNorm) layers.push(layer('batchNormalization'));
  }
  const head = options.head === undefined ? { units: 10, initializer: 'glorotUniform' as InitializerSpec } : options.head;
  if (head) {
    layers.push(layer('dense', {
      units: head.units,
      ...(head.initializer !== undefined ? { kernelInitializer: head.initializer } : {}),
      ...(head.activation !== undefined ? { activation: head.activation } : {}),
    }));
  }
  const name = `mlp_${options.activation ?? 'linear'}_${typeof options.initializer === 'object' ? options.initializer.name : options.initializer ?? 'default'}_${options.depth}${options.batchNorm ? '_bn' : ''}`;
  return sequential(layers, [options.inputSize ?? width], name);
}

/** Indices of the dense layers of an `mlp` (hidden ones first, then the head). */
export function denseIndices(model: ModelIR): number[] {
  return model.layers.filter((l) => l.kind === 'dense').map((l) => l.index);
}
