/**
 * React hooks whose value follows from their arguments, so that a model made in one hook reaches
 * the code of another (`const model = useMemo(() => createHead(), [])`, then `model.fit` in a
 * `useCallback`): useMemo returns what its factory returns, useCallback the function it is given.
 * A setting kept in state (`useState(0.1)` behind a slider) is read at its initial value, as a
 * CLI option is at its default: the first run uses it. An effect that did nothing with that
 * initial state (`if (!running) return`) runs once more with its dependencies not known, since it
 * runs again whenever they change. State that holds an object, and refs,
 * change between renders in ways the file does not show, so they stay unknown, as every other
 * export of React does.
 */
import ts from 'typescript';
import type { Arg } from './calls';
import { callValue, invokeCallbacks } from './calls';
import type { Extraction } from './context';
import { UNKNOWN, hasTag, type FunctionValue, type Value } from './values';

/** The builtin path of the React module (its hooks are `react.useMemo`, ...). */
export const REACT = 'react';

export function callReactExport(ctx: Extraction, name: string, args: Arg[], callNode: ts.Node): Value {
  const first = args[0]?.value;
  if (name === 'useMemo' && hasTag(first, 'function')) return callValue(ctx, callNode, first, []);
  if (name === 'useState') {
    const initial = hasTag(first, 'function') ? callValue(ctx, callNode, first, []) : first;
    const setting = typeof initial === 'number' || typeof initial === 'string' || typeof initial === 'boolean';
    if (setting) return { tag: 'array', items: [initial, UNKNOWN], lengthKnown: true };
  }
  // Effects and callbacks still run once, as for any unknown call.
  const effectsBefore = ctx.effects;
  invokeCallbacks(ctx, args);
  const idle = ctx.effects === effectsBefore;
  if (idle && (name === 'useEffect' || name === 'useLayoutEffect') && hasTag(first, 'function')) rerunOnDependencies(ctx, first, args[1]);
  return name === 'useCallback' && hasTag(first, 'function') ? first : UNKNOWN;
}

/**
 * An effect runs again whenever a value of its dependency list changes: one that did nothing with
 * the initial state (`if (!running) return` in `useEffect(train, [running])`, training once the
 * user sets `running`) runs once more with each state value it lists not known, then they are put
 * back. One that did build or train has been read already.
 */
function rerunOnDependencies(ctx: Extraction, effect: FunctionValue, deps: Arg | undefined): void {
  const list = deps?.node;
  if (!list || !ts.isArrayLiteralExpression(list)) return;
  const restores: (() => void)[] = [];
  for (const element of list.elements) {
    if (!ts.isIdentifier(element)) continue;
    const owner = effect.closure.find(element.text);
    const value = owner?.lookup(element.text);
    if (!owner || !(typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')) continue;
    owner.declare(element.text, UNKNOWN);
    restores.push(() => owner.declare(element.text, value));
  }
  if (restores.length === 0) return;
  try {
    invokeCallbacks(ctx, [{ value: effect }]);
  } finally {
    for (const restore of restores) restore();
  }
}
