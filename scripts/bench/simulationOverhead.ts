/**
 * Overhead of the empirical engine over bare tfjs (issue 5: ratio <= 1.3), side by side in one
 * run: the engine on a 16-layer width-256 MLP with 4 seeds (building the model from the IR,
 * seeded draws, forward and backward pass, pre-activation statistics, read-back), against the
 * same forward/backward passes written by hand: a tf.sequential of the same layers and seeds,
 * `tf.variableGrads` of meanSquaredError, the loss read back. Runs alternate (engine, bare,
 * engine, ...) so load spikes on a shared machine hit both alike; medians are compared.
 */
import * as tf from '@tensorflow/tfjs';
import { performance } from 'node:perf_hooks';
import { simulateFlow } from '../../server/src/engine/empirical';
import { readyTfjs } from '../../server/src/engine/empirical/runtime';
import { extractFile } from '../../server/src/engine/extract';
import type { ModelIR } from '../../server/src/engine/ir';
import { median } from './measure';

const LAYERS = 16;
const WIDTH = 256;
const SEEDS = 4;
const BATCH = 64;
const REPETITIONS = 3;

const SOURCE = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [${WIDTH}], units: ${WIDTH}, activation: 'relu', kernelInitializer: 'heUniform' }));
for (let i = 1; i < ${LAYERS - 1}; i++) {
  model.add(tf.layers.dense({ units: ${WIDTH}, activation: 'relu', kernelInitializer: 'heUniform' }));
}
model.add(tf.layers.dense({ units: ${WIDTH}, kernelInitializer: 'glorotUniform' }));
`;

export interface SimulationOverhead {
  /** Median CPU milliseconds of the engine run and of the bare run, and their ratio. */
  engineMs: number;
  bareMs: number;
  ratio: number;
  /** The same in wall-clock time (noisy when the machine is shared). */
  engineWallMs: number;
  bareWallMs: number;
  wallRatio: number;
  description: string;
}

/** The same computation by hand: per seed a fresh model, one variableGrads, the loss read back. */
async function bareRun(): Promise<void> {
  for (let seed = 0; seed < SEEDS; seed++) {
    const model = tf.sequential();
    for (let i = 0; i < LAYERS; i++) {
      const last = i === LAYERS - 1;
      model.add(tf.layers.dense({
        units: WIDTH,
        activation: last ? 'linear' : 'relu',
        kernelInitializer: last ? tf.initializers.glorotUniform({ seed: seed * 100 + i }) : tf.initializers.heUniform({ seed: seed * 100 + i }),
        ...(i === 0 ? { inputShape: [WIDTH] } : {}),
      }));
    }
    const x = tf.randomNormal([BATCH, WIDTH], 0, 1, 'float32', seed);
    const y = tf.randomNormal([BATCH, WIDTH], 0, 1, 'float32', seed + 1);
    const { value, grads } = tf.variableGrads(() => tf.losses.meanSquaredError(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar);
    await value.data();
    tf.dispose([x, y, value, ...Object.values(grads)]);
    model.dispose();
  }
}

interface Timing {
  cpuMs: number;
  wallMs: number;
}

/**
 * CPU time of this process (the tfjs CPU backend is single-threaded JavaScript) and wall time.
 * On a shared machine wall time mostly measures the neighbours; CPU time measures the work.
 */
async function timed(run: () => Promise<unknown>): Promise<Timing> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await run();
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - start };
}

export async function measureSimulationOverhead(): Promise<SimulationOverhead> {
  const file = extractFile(SOURCE, 'bench-mlp.ts');
  const model = file.models[0];
  if (!model || model.layers.length !== LAYERS) throw new Error(`extraction of the bench MLP found ${model?.layers.length ?? 0} layers, expected ${LAYERS}`);
  return overheadFor(model);
}

/** Engine on `model` (which must be the MLP that bareRun builds by hand) against bareRun. */
export async function overheadFor(model: ModelIR): Promise<SimulationOverhead> {
  await readyTfjs();
  const engineRun = () => simulateFlow(model, { seeds: SEEDS, batch: BATCH });
  await engineRun(); // warm-up: kernels registered, JIT compiled
  await bareRun();
  const engineTimes: Timing[] = [];
  const bareTimes: Timing[] = [];
  for (let i = 0; i < REPETITIONS; i++) {
    engineTimes.push(await timed(engineRun));
    bareTimes.push(await timed(bareRun));
  }
  const engineMs = median(engineTimes.map((t) => t.cpuMs));
  const bareMs = median(bareTimes.map((t) => t.cpuMs));
  const engineWallMs = median(engineTimes.map((t) => t.wallMs));
  const bareWallMs = median(bareTimes.map((t) => t.wallMs));
  return {
    engineMs,
    bareMs,
    ratio: engineMs / bareMs,
    engineWallMs,
    bareWallMs,
    wallRatio: engineWallMs / bareWallMs,
    description: `empirical engine vs bare tf.variableGrads, ${LAYERS}-layer width-${WIDTH} MLP, ${SEEDS} seeds, batch ${BATCH}, median CPU time of ${REPETITIONS} interleaved runs (target <= 1.3)`,
  };
}
