/** The analytic gradient-flow engine (DESIGN section 5). */
import type { ModelIR } from '../ir';
import type { FlowPrediction } from './prediction';

export function predictFlow(_model: ModelIR): FlowPrediction {
  return { layers: [], assumptions: [] };
}
