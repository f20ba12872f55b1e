/** simpleRNN -> lstm/gru: the same config is valid for both (their args extend SimpleRNNLayerArgs). */
import type { TextEdit } from '../findings';
import type { LayerIR } from '../ir';
import { factoryNameSpan } from './sourceStyle';

export function replaceRecurrentFactoryEdit(text: string, layer: LayerIR, factory: 'lstm' | 'gru'): TextEdit | undefined {
  const span = factoryNameSpan(text, layer);
  if (!span || text.slice(span.start, span.end) !== 'simpleRNN') return undefined;
  return { ...span, newText: factory };
}
