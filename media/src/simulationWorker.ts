/**
 * The simulation worker: the same bundle as the page, started in a dedicated Web Worker so
 * tfjs (WebGL through OffscreenCanvas, else CPU) never blocks the panel's main thread.
 */
import { SimulationCancelledError } from '../../server/src/engine/empirical/types';
import { measureModel } from './measureModel';
import type { FromWorker, ToWorker } from './workerProtocol';

interface WorkerScope {
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
}

export function runSimulationWorker(scope: WorkerScope): void {
  let current: { id: number; controller: AbortController } | undefined;
  scope.addEventListener('message', (event) => {
    const message = event.data;
    current?.controller.abort();
    current = undefined;
    if (message.type !== 'measure') return;
    const run = { id: message.id, controller: new AbortController() };
    current = run;
    measureModel(message.request, run.controller.signal, (measured, status) => scope.postMessage({ type: 'update', id: run.id, measured, status })).catch(
      (error: unknown) => {
        if (error instanceof SimulationCancelledError || run.controller.signal.aborted) return;
        scope.postMessage({ type: 'update', id: run.id, measured: {}, status: { state: 'failed', message: String(error) } });
      },
    );
  });
}
