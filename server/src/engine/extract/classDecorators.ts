/**
 * Class decorators run where the class statement stands, after what it reads is declared: a
 * registering decorator (`@regressor({ learningRate: 0.05 })` storing the spec on the class and
 * the class in a registry) is how such a program reaches its settings. The bottom decorator runs
 * first, as in JavaScript; one that returns a class or function replaces the binding.
 */
import ts from 'typescript';
import { callValue } from './calls';
import type { Extraction } from './context';
import { evaluate } from './evaluate';
import type { Scope } from './scope';
import { hasTag, madeObject } from './values';

export function applyClassDecorators(ctx: Extraction, node: ts.ClassDeclaration, scope: Scope): void {
  const decorators = ts.getDecorators(node);
  const name = node.name?.text;
  if (!decorators?.length || name === undefined) return;
  let cls = scope.lookup(name);
  for (const decorator of [...decorators].reverse()) {
    const decorate = evaluate(ctx, decorator.expression, scope);
    // TC39 decorators also take a context; legacy (experimentalDecorators) ones ignore it.
    const context = madeObject([['kind', 'class'], ['name', name]], true);
    const replaced = callValue(ctx, decorator, decorate, [{ value: cls }, { value: context }]);
    if (hasTag(replaced, 'class') || hasTag(replaced, 'function')) cls = replaced;
  }
  scope.assign(name, cls);
}
