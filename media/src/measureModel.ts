/**
 * The measurement the panel shows for one model, with the empirical engine (real tfjs):
 * gradient flow as written and with fixes, then the training previews. Runs in the simulation
 * worker (or, when no worker can be started, on the page); reports after each part.
 */
import * as tf from '@tensorflow/tfjs';
import { simulateFlow, trainingPreview } from '../../server/src/engine/empirical';
import { readyTfjs } from '../../server/src/engine/empirical/runtime';
import type { CancellationSignal } from '../../server/src/engine/empirical/types';
import type { ModelIR } from '../../server/src/engine/ir';
import type { Measured, SimulationStatus } from './results';

export interface MeasureRequest {
  written: ModelIR;
  fixed?: ModelIR;
  batch: number;
  seeds: number;
  trainingSteps: number;
}

/** Resolves when done; throws the engine's error (SimulationCancelledError when cancelled). */
export async function measureModel(
  request: MeasureRequest,
  signal: CancellationSignal,
  onUpdate: (measured: Measured, status: SimulationStatus) => void,
): Promise<void> {
  await readyTfjs();
  const backend = tf.getBackend();
  const started = performance.now();
  const measured: Measured = {};
  const report = (step: string) => !signal.aborted && onUpdate({ ...measured }, { state: 'running', backend, step });
  const flowOptions = { batch: request.batch, seeds: request.seeds, signal };
  const trainingOptions = { steps: request.trainingSteps, batch: request.batch, signal };
  try {
    report('measuring gradients as written');
    measured.written = await simulateFlow(request.written, flowOptions);
    if (request.fixed) {
      report('measuring gradients with fixes');
      measured.fixed = await simulateFlow(request.fixed, flowOptions);
    }
    report('training preview as written');
    measured.trainingWritten = await trainingPreview(request.written, trainingOptions);
    if (request.fixed) {
      report('training preview with fixes');
      measured.trainingFixed = await trainingPreview(request.fixed, trainingOptions);
    }
  } catch (error) {
    if (signal.aborted) throw error;
    // Keep what was measured before the failure (e.g. the original cannot be built in tfjs).
    onUpdate(measured, { state: 'failed', message: error instanceof Error ? error.message : String(error) });
    return;
  }
  if (!signal.aborted) onUpdate(measured, { state: 'done', backend, seconds: (performance.now() - started) / 1000 });
}
