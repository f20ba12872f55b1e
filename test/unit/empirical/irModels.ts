/**
 * Hand-built ModelIRs for the empirical engine's tests: the IR fields the engine reads, with
 * neutral spans. (Tests that go through source text use the real extractor instead.)
 */
import type { InitializerIR, LayerIR, LayerKind, ModelIR, OptimizerIR } from '../../../server/src/engine/ir';

const SPAN = { start: 0, end: 0 };

export function initializer(name: string, args: Record<string, number | string> = {}): InitializerIR {
  return { name, args, argSpans: {}, span: SPAN, form: 'string', unresolved: [] };
}

export function layer(index: number, kind: LayerKind, fields: Partial<LayerIR> = {}): LayerIR {
  return {
    index, name: `${kind}_${index + 1}`, kind, factory: kind, inputs: index === 0 ? [] : [index - 1],
    span: SPAN, props: {}, placement: { kind: 'arrayElement' }, unresolved: [], notes: [], ...fields,
  };
}

export function sequential(layers: LayerIR[], fields: Partial<ModelIR> = {}): ModelIR {
  return {
    name: 'model', api: 'sequential', span: SPAN, nameSpan: SPAN, layers,
    inputShape: layers[0]?.inputShape, outputs: [layers.length - 1], unresolved: [], notes: [], ...fields,
  };
}

export interface MlpSpec {
  depth: number;
  width: number;
  activation: string;
  initializer?: string;
  batchNorm?: boolean;
  /** Units of the linear glorotUniform head (DESIGN section 5's probe uses 10). */
  head?: number;
  optimizer?: OptimizerIR;
}

/** `depth` hidden dense layers (optionally each followed by batchNormalization) and a linear head. */
export function mlp(spec: MlpSpec): ModelIR {
  const layers: LayerIR[] = [];
  for (let d = 0; d < spec.depth; d++) {
    layers.push(layer(layers.length, 'dense', {
      units: spec.width,
      activation: spec.activation,
      kernelInitializer: spec.initializer ? initializer(spec.initializer) : undefined,
      inputShape: d === 0 ? [spec.width] : undefined,
    }));
    if (spec.batchNorm) layers.push(layer(layers.length, 'batchNormalization'));
  }
  layers.push(layer(layers.length, 'dense', { units: spec.head ?? 10, kernelInitializer: initializer('glorotUniform') }));
  const training = spec.optimizer ? { optimizer: spec.optimizer, calls: [], clipping: [] } : undefined;
  return sequential(layers, { training });
}
