/**
 * Optimizers as map keys: one key per optimizer expression and learning rate (a factory called
 * with two rates makes two), compared field by field. compile({optimizer: opt}) hands on a copy
 * of the created optimizer, so identity would not do; a string key per lookup allocated more
 * than the rest of the detached-training pass.
 */
import type { OptimizerIR } from '../ir';

function sameOptimizer(a: OptimizerIR, b: OptimizerIR): boolean {
  return (
    a.span.end === b.span.end &&
    a.learningRateSource === b.learningRateSource &&
    (a.learningRate === b.learningRate || (Number.isNaN(a.learningRate) && Number.isNaN(b.learningRate)))
  );
}

export class OptimizerMap<T> {
  /**
   * By the expression's start: few optimizers share one (a factory's, rebuilt per call). Made by
   * the first entry: a file makes several maps, and most files create one optimizer or none.
   */
  private byStart: Map<number, { optimizer: OptimizerIR; value: T }[]> | undefined;
  private readonly inOrder: T[] = [];

  get(optimizer: OptimizerIR): T | undefined {
    return this.byStart?.get(optimizer.span.start)?.find((entry) => sameOptimizer(entry.optimizer, optimizer))?.value;
  }

  has(optimizer: OptimizerIR): boolean {
    return this.get(optimizer) !== undefined;
  }

  /** Keeps the first value set for an optimizer. */
  setIfAbsent(optimizer: OptimizerIR, value: T): T {
    const byStart = (this.byStart ??= new Map<number, { optimizer: OptimizerIR; value: T }[]>());
    const entries = byStart.get(optimizer.span.start);
    const existing = entries?.find((entry) => sameOptimizer(entry.optimizer, optimizer));
    if (existing) return existing.value;
    if (entries) entries.push({ optimizer, value });
    else byStart.set(optimizer.span.start, [{ optimizer, value }]);
    this.inOrder.push(value);
    return value;
  }

  /** In the order they were first set. */
  values(): readonly T[] {
    return this.inOrder;
  }
}
