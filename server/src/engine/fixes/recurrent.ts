/**
 * simpleRNN -> lstm/gru: the same config is valid for both (their args extend SimpleRNNLayerArgs),
 * and so is a simpleRNNCell's for lstmCell/gruCell. The simpleRNN may be the layer's own factory,
 * the layer a `bidirectional` wraps, or the cell(s) of a `tf.layers.rnn`.
 */
import type { TextEdit } from '../findings';
import type { LayerIR } from '../ir';

const SIMPLE_RNN_FACTORY = /\bsimpleRNN(Cell)?(?=\s*\()/g;

/** Where the layer's call names simpleRNN or simpleRNNCell as a factory it calls. */
export function simpleRnnFactorySpans(text: string, layer: Pick<LayerIR, 'span'>): { start: number; end: number; cell: boolean }[] {
  const call = text.slice(layer.span.start, layer.span.end);
  return [...call.matchAll(SIMPLE_RNN_FACTORY)].map((match) => ({
    start: layer.span.start + match.index!,
    end: layer.span.start + match.index! + match[0].length,
    cell: match[1] !== undefined,
  }));
}

export function replaceRecurrentFactoryEdits(text: string, layer: LayerIR, factory: 'lstm' | 'gru'): TextEdit[] {
  return simpleRnnFactorySpans(text, layer).map(({ start, end, cell }) => ({ start, end, newText: cell ? `${factory}Cell` : factory }));
}
