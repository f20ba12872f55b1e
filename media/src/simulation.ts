/**
 * Runs the measurement of the model on screen off the main thread. The page's own bundle is
 * started again as a Web Worker (from a blob: VS Code serves the bundle from another origin
 * than the page); when no worker can be started the measurement runs on the page, where the
 * engine still yields between seeds and steps. A newer payload cancels the running one.
 */
import { SimulationCancelledError } from '../../server/src/engine/empirical/types';
import type { PanelModel } from '../../server/src/engine/protocol';
import { type MeasureRequest, measureModel } from './measureModel';
import type { Measured, SimulationStatus } from './results';
import type { FromWorker, ToWorker } from './workerProtocol';

/** Typing produces a payload every few hundred ms; wait this long before starting heavy work. */
const START_DELAY_MS = 300;

export interface SimulationSettings {
  batch: number;
  seeds: number;
  trainingSteps: number;
}

type OnUpdate = (measured: Measured, status: SimulationStatus) => void;

export class SimulationRunner {
  private runId = 0;
  /** The request of the current run, to re-run it on the page if the worker dies. */
  private request: MeasureRequest | undefined;
  private worker: Promise<Worker | undefined> | undefined;
  private pageRun: AbortController | undefined;
  private startTimer: ReturnType<typeof setTimeout> | undefined;

  /** `bundleUrl`: URL of this very script (dist/webview.js). */
  constructor(
    private readonly bundleUrl: string,
    private readonly onUpdate: OnUpdate,
  ) {}

  cancel(): void {
    this.runId++;
    clearTimeout(this.startTimer);
    this.pageRun?.abort();
    this.pageRun = undefined;
    void this.worker?.then((worker) => worker?.postMessage({ type: 'cancel', id: this.runId } satisfies ToWorker));
  }

  /** Cancels any running measurement and starts one for `model`. */
  start(model: PanelModel, settings: SimulationSettings): void {
    this.cancel();
    const id = this.runId;
    const request: MeasureRequest = { written: model.ir, fixed: model.fixed?.ir, ...settings };
    this.request = request;
    this.startTimer = setTimeout(() => void this.run(id, request), START_DELAY_MS);
  }

  private async run(id: number, request: MeasureRequest): Promise<void> {
    const worker = await (this.worker ??= this.startWorker());
    if (id !== this.runId) return;
    if (worker) {
      worker.postMessage({ type: 'measure', id, request } satisfies ToWorker);
      return;
    }
    const controller = new AbortController();
    this.pageRun = controller;
    await measureModel(request, controller.signal, (measured, status) => id === this.runId && this.onUpdate(measured, status)).catch((error: unknown) => {
      if (!(error instanceof SimulationCancelledError)) throw error;
    });
  }

  private async startWorker(): Promise<Worker | undefined> {
    try {
      const source = await (await fetch(this.bundleUrl)).text();
      const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })), { name: 'gradient-doctor-simulation' });
      worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
        if (event.data.id === this.runId) this.onUpdate(event.data.measured, event.data.status);
      });
      // A worker that cannot load (blocked, crashed): measure on the page from now on.
      worker.addEventListener('error', () => {
        worker.terminate();
        this.worker = Promise.resolve(undefined);
        if (this.request) void this.run(this.runId, this.request);
      });
      return worker;
    } catch {
      return undefined;
    }
  }
}
