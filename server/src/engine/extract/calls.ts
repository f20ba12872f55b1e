/** Call and `new` expressions: dispatch on what the callee evaluates to. */
import ts from 'typescript';
import { callArrayMethod } from './arrays';
import { callBuiltin, hasOwnProperty } from './builtins';
import { callCliMethod } from './cliOptions';
import { callPrimitiveMethod } from './primitiveMethods';
import type { Extraction } from './context';
import { methodName } from './calleeNames';
import { evaluate, skipOuterExpressions } from './evaluate';
import { callSuper, callSuperMethod, constructWithFunction, instantiate } from './classes';
import { invoke, invokeWithUnknownArguments } from './functions';
import { callModelMethod } from './models';
import { callLayerMethod } from './functional';
import { callOptimizerMethod, invokeGradientFunctions, recordClippingCall, recordUnattachedTrainingCall } from './training';
import { callTensorMethod, drawnShape, isTensorMethod } from './coreApi';
import { constructOptimizer } from './optimizerValues';
import { callTf } from './tfApi';
import { callObservableMethod } from './rxjs';
import { callCellMethod, readCell } from './reactiveState';
import { WEBPACK_REQUIRE, requireModule } from './workspaceImports';
import { runAmdFactory } from './amdModules';
import type { Scope } from './scope';
import { registersUserEventHandler, runUserEventHandlers, whenRegistrationEnds } from './userEvents';
import { isVueOptions, mountVueComponent } from './vueOptions';
import { callInstanceAccessor, constructExtended, extendClass, isExtendedClass, makesExtendedClass } from './extendClasses';
import { callJQuery, isJQuery } from './jquery';
import { callEmitterMethod, noteHandedOn } from './eventEmitters';
import { callRegExpMethod } from './regularExpressions';
import { runTableTest } from './testTables';
import { sendWorkerData } from './workerThreads';
import { defineNotebookCell } from './observableNotebook';
import { UNKNOWN, hasTag, isTagged, tfMember, type FunctionValue, type ObjectValue, type Value } from './values';

// TypeScript exports its API through getters: read what the hot paths use once.
const { SyntaxKind, isSpreadElement } = ts;

/** One evaluated argument; `node` is absent for arguments the interpreter made up (callbacks). */
export interface Arg {
  value: Value;
  node?: ts.Expression;
}

export function evaluateArgs(ctx: Extraction, nodes: readonly ts.Expression[] | undefined, scope: Scope): Arg[] {
  if (!nodes) return [];
  if (!nodes.some(isSpreadElement)) {
    // One argument per node: an array of the exact size, filled without a callback.
    const args = new Array<Arg>(nodes.length);
    for (let i = 0; i < nodes.length; i++) args[i] = { value: evaluate(ctx, nodes[i], scope), node: nodes[i] };
    return args;
  }
  const args: Arg[] = [];
  for (const node of nodes) {
    if (isSpreadElement(node)) {
      const spread = evaluate(ctx, node.expression, scope);
      if (hasTag(spread, 'array')) for (const value of spread.items) args.push({ value, node });
      else args.push({ value: UNKNOWN, node });
    } else {
      args.push({ value: evaluate(ctx, node, scope), node });
    }
  }
  return args;
}

/** How many arguments the call passes; undefined when a spread of unknown length is among them. */
export function argumentCount(args: readonly Arg[]): number | undefined {
  return args.some((arg) => arg.value === UNKNOWN && arg.node !== undefined && isSpreadElement(arg.node)) ? undefined : args.length;
}

export function evaluateCall(ctx: Extraction, node: ts.CallExpression, scope: Scope): Value {
  const callee = skipOuterExpressions(node.expression);
  const method = methodName(callee);
  if (method !== undefined) {
    const receiverNode = (callee as ts.PropertyAccessExpression | ts.ElementAccessExpression).expression;
    if (receiverNode.kind === SyntaxKind.SuperKeyword) return callSuperMethod(ctx, node, method, evaluateArgs(ctx, node.arguments, scope));
    const receiver = evaluate(ctx, receiverNode, scope);
    const args = evaluateArgs(ctx, node.arguments, scope);
    recordClippingCall(ctx, method, node);
    return callMethod(ctx, node, receiver, method, args, receiverNode);
  }
  if (callee.kind === SyntaxKind.SuperKeyword) return callSuper(ctx, node, evaluateArgs(ctx, node.arguments, scope));
  if (callee.kind === SyntaxKind.CallExpression) {
    const table = runTableTest(ctx, node, scope);
    if (table !== undefined) return table;
  }
  const byName = callee.kind === SyntaxKind.Identifier ? (callee as ts.Identifier).text : undefined;
  const amd = byName !== undefined ? runAmdFactory(ctx, node, byName, scope) : undefined;
  if (amd !== undefined) return amd;
  // `await import('@tensorflow/tfjs')` is the module, as `require` is (the await is seen through);
  // so is a webpack bundle's `__webpack_require__("./node_modules/@tensorflow/tfjs/dist/index.js")`.
  if ((byName === 'require' && !scope.find('require')) || byName === WEBPACK_REQUIRE || callee.kind === SyntaxKind.ImportKeyword) return requireModule(ctx, node);
  const fn = evaluate(ctx, callee, scope);
  const args = evaluateArgs(ctx, node.arguments, scope);
  if (byName !== undefined) recordClippingCall(ctx, byName, node);
  if (byName !== undefined && hasTag(fn, 'unknown')) {
    // A global not modelled (`requestAnimationFrame(frame)`, `setInterval(poll, 1000)`).
    invokeCallbacksOf(ctx, byName, args);
    return UNKNOWN;
  }
  return callValue(ctx, node, fn, args);
}

export function evaluateNew(ctx: Extraction, node: ts.NewExpression, scope: Scope): Value {
  const callee = evaluate(ctx, node.expression, scope);
  const args = evaluateArgs(ctx, node.arguments, scope);
  if (hasTag(callee, 'class')) return instantiate(ctx, callee, args, node);
  if (isExtendedClass(callee)) return constructExtended(ctx, callee, args, node);
  if (hasTag(callee, 'function') && !ts.isArrowFunction(callee.node)) return constructWithFunction(ctx, callee, args, node);
  if (hasTag(callee, 'builtin')) return callBuiltin(ctx, callee.path, args, node);
  const optimizer = hasTag(callee, 'tf') ? constructOptimizer(ctx, node, callee.path, args) : undefined;
  if (optimizer) return optimizer;
  if (hasTag(callee, 'unknown') && sendWorkerData(ctx, node, args[1]?.value)) return UNKNOWN;
  // `new Vue({ data, methods, mounted })` of the script-tag global.
  const options = args[0]?.value;
  if (ts.isIdentifier(node.expression) && node.expression.text === 'Vue' && isVueOptions(options)) return mountVueComponent(ctx, options, node) ?? UNKNOWN;
  invokeCallbacks(ctx, args);
  return UNKNOWN;
}

/** Calls a value: a function of the file, a tfjs API, a JavaScript builtin; anything else is unknown. */
export function callValue(ctx: Extraction, callNode: ts.Node, callee: Value, args: Arg[], thisValue?: Value): Value {
  if (isTagged(callee)) {
    switch (callee.tag) {
      case 'function':
        return invoke(ctx, thisValue !== undefined ? { ...callee, thisValue } : callee, args, callNode);
      case 'tf':
        return callTf(ctx, callNode as ts.CallExpression, callee.path, args);
      case 'builtin':
        return callBuiltin(ctx, callee.path, callee.bound ? [...callee.bound.map((value) => ({ value })), ...args] : args, callNode, thisValue);
      case 'cell':
        // `learningRate()` of an Angular signal, `useStore()` of a Pinia store.
        return readCell(callee);
      case 'object':
        if (isJQuery(callee)) return callJQuery(ctx, callee, args);
        break;
      default:
        break;
    }
  }
  invokeCallbacks(ctx, args);
  return UNKNOWN;
}

/** `fn.bind(thisArg, ...fixed)`: the function with `this` bound (an object given) and the fixed arguments first. */
function bindFunction(fn: FunctionValue, args: Arg[]): FunctionValue {
  const thisValue = args[0]?.value;
  const fixed = args.slice(1).map((arg) => arg.value);
  if (!isTagged(thisValue) && fixed.length === 0) return fn;
  return { ...fn, ...(isTagged(thisValue) ? { thisValue } : {}), ...(fixed.length > 0 ? { boundArgs: [...(fn.boundArgs ?? []), ...fixed] } : {}) };
}

/** Schedulers that run their callback again and again: a game loop's frame, a polling timer. */
const REPEATING_SCHEDULERS = new Set(['setInterval', 'requestAnimationFrame']);

/**
 * The callbacks of `name(...args)` or `receiver.name(...args)`, a function not modelled: a
 * user-event handler's writes do not stay, and it and a repeating scheduler's callback stand for
 * their many runs, as a loop body of unknown bound does (a replay buffer or a sample list they
 * fill is past any warm-up guard in one of them).
 */
export function invokeCallbacksOf(ctx: Extraction, name: string, args: Arg[]): void {
  if (registersUserEventHandler(name, args)) {
    whenRegistrationEnds(ctx, () => runUserEventHandlers(ctx, args.map((arg) => arg.value), () => invokeCallbacks(ctx, args, true, false)));
    return;
  }
  const repeated = REPEATING_SCHEDULERS.has(name);
  invokeCallbacks(ctx, args, repeated, repeated || ITERATING_METHODS.has(name));
}

/** Methods whose callback runs once per item of a collection not known here (`rows.map((row, i) => ...)`). */
const ITERATING_METHODS = new Set([
  'map', 'forEach', 'flatMap', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex', 'findLast',
  'findLastIndex', 'sort', 'from', 'each', 'times', 'mapValues', 'forIn', 'forOwn', 'subscribe', 'on',
]);

/**
 * Functions handed to code the interpreter does not model (`tf.tidy`, callbacks) still run once;
 * `repeated`: they are run again and again; `iterating`: each run is an iteration of one pass
 * (context.ts `iterating`), as for an array method's callback, not a call of its own.
 */
export function invokeCallbacks(ctx: Extraction, args: Arg[], repeated = false, iterating = repeated): void {
  noteHandedOn(ctx, args);
  for (const arg of args) {
    if (!hasTag(arg.value, 'function')) continue;
    // A callback with parameters stands for its calls with different arguments (an item, an index).
    const representative = repeated || arg.value.node.parameters.length > 0;
    const iteration = representative && iterating;
    if (representative) {
      ctx.representative++;
      ctx.passBoundaries.push(arg.value.closure);
    }
    if (iteration) ctx.iterating++;
    try {
      invokeWithUnknownArguments(ctx, arg.value);
    } finally {
      if (representative) {
        ctx.representative--;
        ctx.passBoundaries.pop();
      }
      if (iteration) ctx.iterating--;
    }
  }
}

function callMethod(ctx: Extraction, callNode: ts.CallExpression, receiver: Value, name: string, args: Arg[], receiverNode: ts.Expression): Value {
  if (typeof receiver === 'string' || typeof receiver === 'number') {
    const result = callPrimitiveMethod(receiver, name, args.map((arg) => arg.value));
    if (result !== UNKNOWN) return result;
  }
  if (isTagged(receiver)) {
    switch (receiver.tag) {
      case 'tf':
        return callTf(ctx, callNode, tfMember(receiver, name).path, args);
      case 'builtin':
        return callValue(ctx, callNode, { tag: 'builtin', path: `${receiver.path}.${name}`, ...(receiver.bound ? { bound: receiver.bound } : {}) }, args);
      case 'object': {
        const member = receiver.props.get(name)?.value;
        if (member !== undefined) return callValue(ctx, callNode, member, args, receiver);
        const emitter = ctx.emitters.get(receiver);
        const emitted = emitter && callEmitterMethod(ctx, emitter, receiver, name, args, callNode);
        if (emitted !== undefined) return emitted;
        if (name === 'hasOwnProperty' && !receiver.tfjs) return hasOwnProperty(receiver, args[0]?.value);
        if (name === 'extend' && makesExtendedClass(ctx.textOf(receiverNode), receiver, args)) return extendClass(receiver, args[0].value as ObjectValue);
        const accessed = callInstanceAccessor(receiver, name, args);
        if (accessed !== undefined) return accessed;
        if (receiver.tfjs) return callTf(ctx, callNode, [name], args);
        break;
      }
      case 'array':
        return callArrayMethod(ctx, callNode, receiver, name, args);
      case 'model':
        return callModelMethod(ctx, callNode, receiver, name, args, receiverNode);
      case 'layer':
        return callLayerMethod(ctx, callNode, receiver, name, args);
      case 'optimizer':
        return callOptimizerMethod(ctx, callNode, receiver, name, args, receiverNode);
      case 'tensor':
      case 'variable':
        return callTensorMethod(ctx, callNode, receiver, name, args);
      case 'initializer':
        if (name === 'apply') {
          const shape = args[0]?.value;
          return { tag: 'tensor', init: receiver.ir, shape: drawnShape(receiver.ir, shape) };
        }
        break;
      case 'class': {
        const member = receiver.statics.get(name);
        if (member !== undefined) return callValue(ctx, callNode, member, args, receiver);
        break;
      }
      case 'cliParser':
        return callCliMethod(ctx, receiver, name, args);
      case 'observable':
        return callObservableMethod(ctx, callNode, receiver, name, args);
      case 'regexp':
        return callRegExpMethod(receiver, name, args[0]?.value);
      case 'cell':
        return callCellMethod(ctx, callNode, receiver, name, args);
      case 'function':
        if (name === 'call') return callValue(ctx, callNode, receiver, args.slice(1), args[0]?.value);
        if (name === 'apply') return callValue(ctx, callNode, receiver, [], args[0]?.value);
        if (name === 'bind') return bindFunction(receiver, args);
        break;
      default:
        break;
    }
  }
  if (hasTag(receiver, 'unknown') && isTensorMethod(name)) {
    // `x.matMul(w)` on an input tensor passed in as a parameter.
    return callTensorMethod(ctx, callNode, receiver, name, args);
  }
  // `loadSettings().then((cfg) => build(cfg))`: a promise of a known value is that value (`await x` reads x).
  if (name === 'then' && !hasTag(receiver, 'unknown') && receiver !== undefined && hasTag(args[0]?.value, 'function')) return callValue(ctx, callNode, args[0].value, [{ value: receiver }]);
  // `Backbone.Model.extend({ defaults, ... })`, `Component.extend({ ... })`.
  if (name === 'extend' && makesExtendedClass(ctx.textOf(receiverNode), receiver, args)) return extendClass(receiver, args[0].value as ObjectValue);
  // `model.fit(...)` on a model the interpreter does not know (a parameter): kept for the frame.
  // An Observable notebook's `main.variable(observer("model")).define("model", ["tf"], _model)`.
  const cell = name === 'define' && hasTag(receiver, 'unknown') ? defineNotebookCell(ctx, callNode, args) : undefined;
  if (cell !== undefined) return cell;
  recordUnattachedTrainingCall(ctx, callNode, name, args);
  if (name === 'minimize' || name === 'computeGradients') invokeGradientFunctions(ctx, args);
  else invokeCallbacksOf(ctx, name, args);
  return UNKNOWN;
}
