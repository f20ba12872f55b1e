/**
 * React hooks whose value follows from their arguments, so that a model made in one hook reaches
 * the code of another (`const model = useMemo(() => createHead(), [])`, then `model.fit` in a
 * `useCallback`): useMemo returns what its factory returns, useCallback the function it is given.
 * A setting kept in state (`useState(0.1)` behind a slider, or an object of them) is read at its
 * initial value, as a CLI option is at its default: the first run uses it. An effect that did nothing with that
 * initial state (`if (!running) return`) runs once more with its dependencies not known, since it
 * runs again whenever they change. Every other export of React is unknown; a ref holds what the
 * render's own code writes into it (refHolding).
 */
import ts from 'typescript';
import type { Arg } from './calls';
import { callValue, invokeCallbacks } from './calls';
import type { Extraction } from './context';
import { UNKNOWN, copyObject, hasTag, newObject, setMadeMember, type FunctionValue, type ObjectValue, type Value } from './values';
import { scanOncePerFile } from './fileScan';

/** The builtin path of the React module (its hooks are `react.useMemo`, ...). */
export const REACT = 'react';

export function callReactExport(ctx: Extraction, name: string, args: Arg[], callNode: ts.Node): Value {
  const first = args[0]?.value;
  if (name === 'useMemo' && hasTag(first, 'function')) return callValue(ctx, callNode, first, []);
  if (name === 'useState') {
    const initial = hasTag(first, 'function') ? callValue(ctx, callNode, first, []) : first;
    const setting = typeof initial === 'number' || typeof initial === 'string' || typeof initial === 'boolean';
    if (setting) return { tag: 'array', items: [initial, UNKNOWN], lengthKnown: true };
    if (hasTag(initial, 'object') && !initial.tfjs) return { tag: 'array', items: [settingsOf(initial), UNKNOWN], lengthKnown: true };
  }
  if (name === 'useRef') return refHolding(first);
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
 * back. By then the user may also have picked another option of any choice the component keeps
 * in state with a setter (`const [cell, setCell] = useState('gru')` behind a select box), which
 * the effect reads as it is at that render: those are not known either, so each branch on them is
 * a variant. A number kept in state stays at its initial value, the setting a user who never
 * moved its slider trains with. One that did build or train has been read already.
 */
function rerunOnDependencies(ctx: Extraction, effect: FunctionValue, deps: Arg | undefined): void {
  const list = deps?.node;
  if (!list || !ts.isArrayLiteralExpression(list)) return;
  const restores: (() => void)[] = [];
  const forget = (name: string, kinds: ReadonlySet<string>) => {
    const owner = effect.closure.find(name);
    const value = owner?.lookup(name);
    if (!owner || !kinds.has(typeof value)) return;
    owner.declare(name, UNKNOWN);
    restores.push(() => owner.declare(name, value));
  };
  for (const element of list.elements) if (ts.isIdentifier(element)) forget(element.text, SETTINGS);
  for (const name of settableStateNames(effect.module.sourceFile)) forget(name, CHOICES);
  if (restores.length === 0) return;
  try {
    invokeCallbacks(ctx, [{ value: effect }]);
  } finally {
    for (let i = restores.length - 1; i >= 0; i--) restores[i]();
  }
}

/**
 * Object state read at its initial value, as a setting is (`useState({ windowSteps: 24, learningRate:
 * 0.001 })` of a form), except its empty members: `useState({ xs: null, ys: null })` holds data that
 * an effect loads later, and code that waits for it (`if (!xs) return`) runs once it has.
 */
function settingsOf(initial: ObjectValue): ObjectValue {
  const settings = copyObject(initial);
  initial.props.forEach((member, key) => {
    if (member.value === null || member.value === undefined) settings.props.set(key, { ...member, value: UNKNOWN });
  });
  return settings;
}

const SETTINGS: ReadonlySet<string> = new Set(['number', 'string', 'boolean']);
const CHOICES: ReadonlySet<string> = new Set(['string', 'boolean']);

/** The names of the file's state values that have a setter: `const [cell, setCell] = useState(...)` (or `React.useState`). */
const settableStateNames = scanOncePerFile<string>((node, _sourceFile, found) => {
  if (!ts.isVariableDeclaration(node) || !ts.isArrayBindingPattern(node.name) || !node.initializer || !isUseStateCall(node.initializer)) return;
  const [value, setter] = node.name.elements;
  if (value && setter && ts.isBindingElement(value) && ts.isIdentifier(value.name) && ts.isBindingElement(setter)) found.push(value.name.text);
});

function isUseStateCall(node: ts.Expression): boolean {
  if (!ts.isCallExpression(node)) return false;
  const callee = node.expression;
  return (ts.isIdentifier(callee) && callee.text === 'useState') || (ts.isPropertyAccessExpression(callee) && callee.name.text === 'useState');
}

/**
 * `useRef(initial)`: one object per render, shared by the callbacks made in it, whose `current`
 * holds what the render's code last wrote (`optimizerRef.current = tf.train.sgd(lr)`, then
 * `compile({ optimizer: optimizerRef.current })`). A value an earlier render left there is not in
 * the file: an initial value other than a placeholder (`null`, `undefined`) stays unknown.
 */
function refHolding(initial: Value): ObjectValue {
  const ref = newObject();
  setMadeMember(ref, 'current', initial === null || initial === undefined ? initial : UNKNOWN);
  return ref;
}
