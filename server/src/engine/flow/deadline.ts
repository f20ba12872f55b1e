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

/** A check that throws FlowOutOfTime once `deadline` (a performance.now() time) has passed. */
export function deadlineCheck(deadline: number | undefined): () => void {
  if (deadline === undefined) return NO_DEADLINE;
  return () => {
    if (performance.now() > deadline) throw new FlowOutOfTime();
  };
}
