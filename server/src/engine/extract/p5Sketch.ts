/**
 * p5.js sketches. A slider made with `createSlider(min, max, value, step)` (global mode) or
 * `p.createSlider(...)` (instance mode) holds the value it starts at, as UI state is read at its
 * initial value (reactiveState.ts): `tf.train.adam(lrSlider.value())` in `setup()` is built before
 * anyone can move it. One made without a value is unknown. `new p5((p) => { p.setup = ... })` runs
 * the sketch function with an instance and then its `setup()`, as p5 does; `draw()` stays code
 * nobody calls, run once. A global-mode sketch's input handlers (`function mousePressed()` beside
 * `function draw()`) are user-event handlers: run first, for their many runs, so the clicks they
 * push have no known count when `draw()` asks `if (clickXs.length > 1)`.
 */
import ts from 'typescript';
import { callValue, invokeCallbacks, type Arg } from './calls';
import type { Extraction } from './context';
import { UNKNOWN, hasTag, madeObject, type FunctionValue, type ObjectValue, type Value } from './values';

const { SyntaxKind } = ts;

/** The builtin path of p5's constructor and functions (`p5`, `p5.createSlider`; values.ts packageExport). */
export const P5 = 'p5';

/** The member of a slider that holds its starting value: no key code writes. */
const START = '@@gradient-doctor/start';

/** The functions p5 calls on user input in global mode (p5.js reference, "Events"). */
const INPUT_HANDLERS: ReadonlySet<string> = new Set([
  'mousePressed', 'mouseReleased', 'mouseClicked', 'doubleClicked', 'mouseMoved', 'mouseDragged', 'mouseWheel',
  'keyPressed', 'keyReleased', 'keyTyped', 'touchStarted', 'touchMoved', 'touchEnded', 'deviceMoved', 'deviceTurned', 'deviceShaken',
]);

/** The input handlers of a global-mode sketch among `functions` (the file's, with a `draw` among them), in order. */
export function sketchInputHandlers(functions: readonly FunctionValue[]): FunctionValue[] {
  const declared = functions.filter((fn) => fn.module.isMain && fn.node.kind === SyntaxKind.FunctionDeclaration && fn.closure === fn.module.scope);
  if (!declared.some((fn) => fn.name === 'draw')) return [];
  return declared.filter((fn) => fn.name !== undefined && INPUT_HANDLERS.has(fn.name));
}

/** Globals p5's global mode defines that the interpreter reads. */
export const P5_GLOBALS: ReadonlySet<string> = new Set(['p5', 'createSlider']);

/** `new p5(sketch)` (`name` 'default'), `createSlider(...)`, or a slider's `value()` (`thisValue` the slider). */
export function callP5(ctx: Extraction, name: string, args: Arg[], callNode: ts.Node, thisValue?: Value): Value {
  switch (name) {
    case 'default':
      return runSketch(ctx, callNode, args);
    case 'createSlider':
      return makeSlider(args[2]?.value);
    case 'value':
      return hasTag(thisValue, 'object') && thisValue.props.has(START) ? thisValue.props.get(START)!.value : UNKNOWN;
    default:
      invokeCallbacks(ctx, args);
      return UNKNOWN;
  }
}

function makeSlider(start: Value): ObjectValue {
  return madeObject([[START, typeof start === 'number' ? start : UNKNOWN], ['value', { tag: 'builtin', path: `${P5}.value` }]], true);
}

function runSketch(ctx: Extraction, callNode: ts.Node, args: Arg[]): Value {
  const sketch = args[0]?.value;
  if (!hasTag(sketch, 'function')) {
    invokeCallbacks(ctx, args);
    return UNKNOWN;
  }
  const instance = madeObject([['createSlider', { tag: 'builtin', path: `${P5}.createSlider` }]], true);
  callValue(ctx, callNode, sketch, [{ value: instance }]);
  const setup = instance.props.get('setup')?.value;
  if (hasTag(setup, 'function')) callValue(ctx, callNode, setup, [], instance);
  return instance;
}
