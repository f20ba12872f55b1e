/** Messages between the panel page and its simulation worker. */
import type { MeasureRequest } from './measureModel';
import type { Measured, SimulationStatus } from './results';

export type ToWorker = { type: 'measure'; id: number; request: MeasureRequest } | { type: 'cancel'; id: number };

export type FromWorker = { type: 'update'; id: number; measured: Measured; status: SimulationStatus };
