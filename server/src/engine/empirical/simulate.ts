/**
 * The empirical engine's entry point: measures the gradient flow of the real tfjs model over
 * several seeds and reports, per layer, the mean and sd of log10 ‖dLoss/dKernel‖ and the mean
 * pre-activation statistics, in the shape of the analytic FlowPrediction so the two compare.
 */
import type { ModelIR } from '../ir';
import { kernelPaths } from '../flow/paths';
import { fansOfShape } from '../tfjs/initializers';
import { measureSeed, type SeedMeasurement } from './measure';
import { buildNetwork, disposeNetwork, type NetworkNode } from './network';
import { readyTfjs, throwIfCancelled, yieldToHost } from './runtime';
import { mean, sampleSd } from './statistics';
import { UnsupportedModelError, type EmpiricalFlow, type EmpiricalLayerFlow, type SimulationOptions } from './types';

export const DEFAULT_BATCH = 64;
export const DEFAULT_SEEDS = 4;

function meanDefined(values: (number | undefined)[]): number | undefined {
  const defined = values.filter((v): v is number => v !== undefined);
  return defined.length === values.length && defined.length > 0 ? mean(defined) : undefined;
}

function layerFlow(node: NetworkNode, index: number, runs: SeedMeasurement[]): EmpiricalLayerFlow {
  const flow: EmpiricalLayerFlow = {
    layerIndex: node.layer.index,
    hasKernel: node.kernels.length > 0,
    preActivationStd: mean(runs.map((r) => r.std[index])),
  };
  if (node.kernels.length > 0) {
    const bySeed = runs.map((r) => Math.log10(r.gradNorm[index] as number));
    flow.log10GradNormBySeed = bySeed;
    flow.log10GradNorm = mean(bySeed);
    flow.log10GradNormSd = sampleSd(bySeed);
    const fans = fansOfShape(node.kernels[0].shape);
    flow.fanIn = fans.fanIn;
    flow.fanOut = fans.fanOut;
  }
  const fraction = meanDefined(runs.map((r) => r.nonlinearityFraction[index]));
  if (node.nonlinearity === 'saturating') flow.saturatedFraction = fraction;
  if (node.nonlinearity === 'rectifier') flow.deadFraction = fraction;
  return flow;
}

/**
 * Measures `model` over `seeds` weight draws. Throws UnsupportedModelError when tfjs cannot build
 * the model as written, SimulationCancelledError when `signal` aborts (checked between seeds).
 */
export async function simulateFlow(model: ModelIR, options: SimulationOptions = {}): Promise<EmpiricalFlow> {
  const batch = options.batch ?? DEFAULT_BATCH;
  const seeds = options.seeds ?? DEFAULT_SEEDS;
  const firstSeed = options.firstSeed ?? 0;
  if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`batch must be a positive integer, got ${batch}`);
  if (!Number.isInteger(seeds) || seeds < 1) throw new RangeError(`seeds must be a positive integer, got ${seeds}`);
  await readyTfjs();

  const runs: SeedMeasurement[] = [];
  let nodes: NetworkNode[] = [];
  let assumptions: string[] = [];
  for (let k = 0; k < seeds; k++) {
    throwIfCancelled(options.signal);
    const network = buildNetwork(model, firstSeed + k);
    try {
      if (network.nodes.every((n) => n.kernels.length === 0)) throw new UnsupportedModelError(['the model has no kernel layers']);
      runs.push(await measureSeed(network, model.outputs, batch, firstSeed + k));
    } finally {
      disposeNetwork(network);
    }
    nodes = network.nodes;
    assumptions = network.assumptions;
    await yieldToHost();
  }

  const layers = nodes.map((node, i) => layerFlow(node, i, runs));
  const kernelLayers = layers.filter((l) => l.hasKernel);
  const first = kernelLayers[0];
  const last = kernelLayers[kernelLayers.length - 1];
  const ratioBySeed = runs.map((_, s) => first.log10GradNormBySeed![s] - last.log10GradNormBySeed![s]);
  return {
    engine: 'empirical',
    layers,
    paths: kernelPaths(model, layers),
    firstKernel: first.layerIndex,
    lastKernel: last.layerIndex,
    log10Ratio: mean(ratioBySeed),
    log10RatioSd: sampleSd(ratioBySeed),
    assumptions,
    batch,
    seeds,
    lossBySeed: runs.map((r) => r.loss),
  };
}
