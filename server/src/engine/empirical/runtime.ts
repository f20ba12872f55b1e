/** How the empirical engine shares the tfjs runtime with its host (CLI, tests, webview). */
import * as tf from '@tensorflow/tfjs';
import { SimulationCancelledError, type CancellationSignal } from './types';

/**
 * Waits for the backend. Production mode also silences the CPU backend's "install tfjs-node"
 * banner, which would otherwise land in the CLI's output.
 */
export async function readyTfjs(): Promise<void> {
  if (!tf.env().getBool('PROD')) tf.enableProdMode();
  await tf.ready();
}

/**
 * Lets the host's event loop run (webview rendering, LSP messages) between chunks of work.
 * setTimeout rather than requestAnimationFrame: a hidden webview gets no animation frames.
 */
export function yieldToHost(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export function throwIfCancelled(signal: CancellationSignal | undefined): void {
  if (signal?.aborted) throw new SimulationCancelledError();
}
