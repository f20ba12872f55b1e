/**
 * Runs the empirical engine (real tfjs, in the webview) for the model on screen: gradient flow
 * as written and with fixes, then the training previews. WebGL when the webview has it, CPU
 * otherwise. A newer payload cancels the running one; the engine yields to the event loop
 * between seeds and steps, so the panel stays responsive.
 */
import * as tf from '@tensorflow/tfjs';
import { simulateFlow, trainingPreview } from '../../server/src/engine/empirical';
import { SimulationCancelledError } from '../../server/src/engine/empirical/types';
import { readyTfjs } from '../../server/src/engine/empirical/runtime';
import type { PanelModel } from '../../server/src/engine/protocol';
import type { Measured, SimulationStatus } from './results';

/** Typing produces a payload every few hundred ms; wait this long before starting heavy work. */
const START_DELAY_MS = 300;

export interface SimulationSettings {
  batch: number;
  seeds: number;
  trainingSteps: number;
}

export class SimulationRunner {
  private controller: AbortController | undefined;

  constructor(private readonly onUpdate: (measured: Measured, status: SimulationStatus) => void) {}

  cancel(): void {
    this.controller?.abort();
    this.controller = undefined;
  }

  /** Cancels any running simulation and starts one for `model`. */
  start(model: PanelModel, settings: SimulationSettings): void {
    this.cancel();
    const controller = new AbortController();
    this.controller = controller;
    const measured: Measured = {};
    void this.run(model, settings, controller.signal, measured).catch((error: unknown) => {
      if (error instanceof SimulationCancelledError || controller.signal.aborted) return;
      // Keep what was measured before the failure (e.g. the fixed model runs, the original cannot be built).
      this.onUpdate(measured, { state: 'failed', message: error instanceof Error ? error.message : String(error) });
    });
  }

  private async run(model: PanelModel, settings: SimulationSettings, signal: AbortSignal, measured: Measured): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, START_DELAY_MS));
    if (signal.aborted) return;
    await readyTfjs();
    const backend = tf.getBackend();
    const started = performance.now();
    const report = (step: string) => !signal.aborted && this.onUpdate({ ...measured }, { state: 'running', backend, step });
    const flowOptions = { batch: settings.batch, seeds: settings.seeds, signal };
    const trainingOptions = { steps: settings.trainingSteps, batch: settings.batch, signal };

    report('measuring gradients as written');
    measured.written = await simulateFlow(model.ir, flowOptions);
    if (model.fixed) {
      report('measuring gradients with fixes');
      measured.fixed = await simulateFlow(model.fixed.ir, flowOptions);
    }
    report('training preview as written');
    measured.trainingWritten = await trainingPreview(model.ir, trainingOptions);
    if (model.fixed) {
      report('training preview with fixes');
      measured.trainingFixed = await trainingPreview(model.fixed.ir, trainingOptions);
    }
    if (!signal.aborted) this.onUpdate(measured, { state: 'done', backend, seconds: (performance.now() - started) / 1000 });
  }
}
