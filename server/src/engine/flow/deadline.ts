/**
 * The analysis time budget inside the flow engine. A model of hundreds of layers with expensive
 * activations, or recurrent layers of hundreds of time steps, can take seconds to predict; the
 * engine checks a deadline between layers and between time steps and gives up with this error
 * rather than return a partial prediction whose numbers would be wrong.
 */
export class FlowOutOfTime extends Error {
  constructor() {
    super('flow prediction stopped at its deadline');
    this.name = 'FlowOutOfTime';
  }
}

const NO_DEADLINE = (): void => {};

/**
 * Checks between clock reads: reading performance.now() costs about as much as a cheap layer or
 * time step, and 16 of even slow ones take a few milliseconds.
 */
const CLOCK_STRIDE = 16;

/**
 * A check that throws FlowOutOfTime once `deadline` (a performance.now() time) has passed; it
 * reads the clock on its first call and on every CLOCK_STRIDE-th after.
 */
export function deadlineCheck(deadline: number | undefined): () => void {
  if (deadline === undefined || deadline === Infinity) return NO_DEADLINE;
  let calls = 0;
  return () => {
    if (calls++ % CLOCK_STRIDE === 0 && performance.now() > deadline) throw new FlowOutOfTime();
  };
}
