/**
 * The empirical engine: gradient flow and a short training run measured on the real tfjs model
 * built from a ModelIR. Browser-safe (imports only @tensorflow/tfjs): the CLI, the tests and the
 * panel's webview all run it.
 */
export { simulateFlow, DEFAULT_BATCH, DEFAULT_SEEDS } from './simulate';
export { trainingPreview, randomTeacher, tanhHead, sizeOf, DEFAULT_TRAINING_STEPS, LOSS_GROWTH_FACTOR, type Teacher, type TanhHead } from './trainingPreview';
export { type Network } from './network';
export { SATURATION_THRESHOLD } from './measure';
export * from './types';
