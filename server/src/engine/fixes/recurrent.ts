/**
 * simpleRNN -> lstm/gru: the same config is valid for both (their args extend SimpleRNNLayerArgs),
 * and so is a simpleRNNCell's for lstmCell/gruCell. The simpleRNN may be the layer's own factory,
 * the layer a `bidirectional` wraps, or the cell(s) of a `tf.layers.rnn`.
 */
import ts from 'typescript';
import type { TextEdit } from '../findings';
import type { LayerIR } from '../ir';

const SIMPLE_RNN_FACTORIES = new Set(['simpleRNN', 'simpleRNNCell']);

export interface SimpleRnnFactorySpan {
  start: number;
  end: number;
  /** `simpleRNNCell`, which becomes `lstmCell`/`gruCell`. */
  cell: boolean;
}

/**
 * Where the layer's call names simpleRNN or simpleRNNCell as a function it calls. Tokens, not a
 * text search, so the names inside strings and comments (a layer named 'simpleRNN(...)') are skipped.
 */
export function simpleRnnFactorySpans(text: string, layer: Pick<LayerIR, 'span'>): SimpleRnnFactorySpan[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text.slice(layer.span.start, layer.span.end));
  const spans: SimpleRnnFactorySpan[] = [];
  let named: SimpleRnnFactorySpan | undefined;
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (named && token === ts.SyntaxKind.OpenParenToken) spans.push(named);
    const value = scanner.getTokenValue();
    named = token === ts.SyntaxKind.Identifier && SIMPLE_RNN_FACTORIES.has(value)
      ? { start: layer.span.start + scanner.getTokenStart(), end: layer.span.start + scanner.getTokenEnd(), cell: value === 'simpleRNNCell' }
      : undefined;
  }
  return spans;
}

export function replaceRecurrentFactoryEdits(spans: readonly SimpleRnnFactorySpan[], factory: 'lstm' | 'gru'): TextEdit[] {
  return spans.map(({ start, end, cell }) => ({ start, end, newText: cell ? `${factory}Cell` : factory }));
}
