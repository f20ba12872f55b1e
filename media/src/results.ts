/** What the webview measured itself with tfjs for one model, as written and with fixes. */
import type { EmpiricalFlow, TrainingPreview } from '../../server/src/engine/empirical/types';

export interface Measured {
  written?: EmpiricalFlow;
  fixed?: EmpiricalFlow;
  trainingWritten?: TrainingPreview;
  trainingFixed?: TrainingPreview;
}

export type SimulationStatus =
  | { state: 'idle' }
  | { state: 'running'; backend: string; step: string }
  | { state: 'done'; backend: string; seconds: number }
  | { state: 'failed'; message: string };
