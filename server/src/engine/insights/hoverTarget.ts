/**
 * What is under the cursor: an optimizer (its expression, learning rate or use), or a layer (its
 * call, its kernel initializer or activation value). The innermost span wins, so hovering the
 * initializer inside a layer call gives the initializer's range; layers added in a loop share
 * their call and come together.
 */
import type { AnalysisResult } from '../analyze';
import type { LayerIR, OptimizerIR, Span } from '../ir';

export type HoverTarget =
  | { kind: 'layer'; modelIndex: number; layers: LayerIR[]; span: Span }
  | { kind: 'optimizer'; modelIndex: number; optimizer: OptimizerIR; span: Span };

export function hoverTarget(result: AnalysisResult, offset: number): HoverTarget | undefined {
  let best: HoverTarget | undefined;
  const consider = (candidate: HoverTarget) => {
    if (!contains(candidate.span, offset)) return;
    if (!best || length(candidate.span) < length(best.span)) best = candidate;
    else if (best.kind === 'layer' && candidate.kind === 'layer' && sameSpan(best.span, candidate.span) && best.modelIndex === candidate.modelIndex) {
      // A layer's initializer can be both its property value and the initializer expression.
      const layers = best.layers;
      layers.push(...candidate.layers.filter((layer) => !layers.includes(layer)));
    }
  };
  for (const [modelIndex, { model }] of result.models.entries()) {
    const optimizer = model.training?.optimizer;
    if (optimizer) {
      for (const span of [optimizer.lrSpan, optimizer.span, optimizer.useSpan]) {
        if (span) consider({ kind: 'optimizer', modelIndex, optimizer, span });
      }
    }
    for (const layer of model.layers) {
      if (!contains(layer.span, offset) && !(layer.kernelInitializer && contains(layer.kernelInitializer.span, offset))) continue;
      const spans = [layer.span, layer.props.activation?.valueSpan, layer.props.kernelInitializer?.valueSpan, layer.kernelInitializer?.span];
      for (const span of spans) if (span) consider({ kind: 'layer', modelIndex, layers: [layer], span });
    }
  }
  return best;
}

function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

function length(span: Span): number {
  return span.end - span.start;
}

function sameSpan(a: Span, b: Span): boolean {
  return a.start === b.start && a.end === b.end;
}
