/**
 * React hooks whose value follows from their arguments, so that a model made in one hook reaches
 * the code of another (`const model = useMemo(() => createHead(), [])`, then `model.fit` in a
 * `useCallback`): useMemo returns what its factory returns, useCallback the function it is given.
 * A setting kept in state (`useState(0.1)` behind a slider) is read at its initial value, as a
 * CLI option is at its default: the first run uses it. State that holds an object, and refs,
 * change between renders in ways the file does not show, so they stay unknown, as every other
 * export of React does.
 */
import type ts from 'typescript';
import type { Arg } from './calls';
import { callValue, invokeCallbacks } from './calls';
import type { Extraction } from './context';
import { UNKNOWN, hasTag, type Value } from './values';

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
  invokeCallbacks(ctx, args);
  return name === 'useCallback' && hasTag(first, 'function') ? first : UNKNOWN;
}
