/**
 * A compact, hand-writable view of an extracted model, so each fixture's expected architecture
 * can be written out in full by reading the fixture (never by running the extractor).
 */
import type { FileIR, InitializerIR, LayerIR, ModelIR, Span } from '../../../server/src/engine/ir';

export interface LayerSummary {
  kind: string;
  name?: string;
  units?: number;
  activation?: string;
  init?: string;
  recurrentActivation?: string;
  recurrentInit?: string;
  kernelSize?: number[];
  inputShape?: (number | null)[];
  rate?: number;
  alpha?: number;
  useBias?: boolean;
  returnSequences?: boolean;
  wrapper?: string;
  inputDim?: number;
  /** Only written when not the plain chain (i.e. not [index - 1]). */
  inputs?: number[];
  placement?: string;
}

export interface ModelSummary {
  name: string;
  /** The variant's label, for one of several models of one definition. */
  variant?: string;
  api: string;
  inputShape?: (number | null)[];
  layers: LayerSummary[];
  outputs?: number[];
  optimizer?: string;
  calls?: string[];
  clipping?: string[];
}

/** `heUniform`, `randomNormal(mean=0, stddev=0.5)`. */
export function initializerText(init: InitializerIR | undefined): string | undefined {
  if (!init) return undefined;
  const args = Object.entries(init.args).map(([k, v]) => `${k}=${v}`);
  return args.length > 0 || init.form === 'call' ? `${init.name}(${args.join(', ')})` : init.name;
}

function isChain(layer: LayerIR): boolean {
  return layer.index === 0 ? layer.inputs.length === 0 : layer.inputs.length === 1 && layer.inputs[0] === layer.index - 1;
}

export function summarizeLayer(layer: LayerIR, withNames: boolean): LayerSummary {
  const summary: LayerSummary = { kind: layer.kind };
  if (withNames) summary.name = layer.name;
  const put = <K extends keyof LayerSummary>(key: K, value: LayerSummary[K] | undefined) => {
    if (value !== undefined) summary[key] = value;
  };
  put('units', layer.units);
  put('activation', layer.activation);
  put('init', initializerText(layer.kernelInitializer));
  put('recurrentActivation', layer.recurrentActivation);
  put('recurrentInit', initializerText(layer.recurrentInitializer));
  put('kernelSize', layer.kernelSize);
  put('inputShape', layer.inputShape);
  put('rate', layer.rate);
  put('alpha', layer.alpha);
  put('useBias', layer.useBias);
  put('returnSequences', layer.returnSequences);
  put('wrapper', layer.wrapper);
  put('inputDim', layer.inputDim);
  if (!isChain(layer)) summary.inputs = layer.inputs;
  if (layer.placement.kind === 'core') summary.placement = 'core';
  return summary;
}

export function optimizerText(model: ModelIR): string | undefined {
  const optimizer = model.training?.optimizer;
  if (!optimizer) return undefined;
  return `${optimizer.name}/${optimizer.form} lr=${optimizer.learningRate ?? '?'} (${optimizer.learningRateSource})`;
}

export function summarizeModel(model: ModelIR, options: { names?: boolean } = {}): ModelSummary {
  const summary: ModelSummary = { name: model.name, api: model.api, layers: model.layers.map((l) => summarizeLayer(l, options.names ?? false)) };
  if (model.variant) summary.variant = model.variant.label;
  if (model.inputShape) summary.inputShape = model.inputShape;
  const defaultOutputs = model.layers.length > 0 ? [model.layers.length - 1] : [];
  if (JSON.stringify(model.outputs) !== JSON.stringify(defaultOutputs)) summary.outputs = model.outputs;
  const optimizer = optimizerText(model);
  if (optimizer) summary.optimizer = optimizer;
  const calls = model.training?.calls.map((c) => c.kind) ?? [];
  if (calls.length > 0) summary.calls = calls;
  const clipping = model.training?.clipping.map((c) => c.kind) ?? [];
  if (clipping.length > 0) summary.clipping = clipping;
  return summary;
}

export function summarizeFile(file: FileIR, options: { names?: boolean } = {}): ModelSummary[] {
  return file.models.map((m) => summarizeModel(m, options));
}

export function textOf(text: string, span: Span | undefined): string | undefined {
  return span ? text.slice(span.start, span.end) : undefined;
}

/** `n` copies of a layer summary (for loops). */
export function repeat(n: number, layer: LayerSummary): LayerSummary[] {
  return Array.from({ length: n }, () => ({ ...layer }));
}
