/**
 * Functions of the analysed file: helper functions and factories are run with the arguments of
 * each call (so `block(64)` builds its layers with units 64); functions nobody calls are run once
 * with unknown arguments at the end (see index.ts). Classes are in classes.ts.
 */
import ts from 'typescript';
import { scheduleBound } from './scheduleBound';
import type { Arg } from './calls';
import { MAX_CALL_DEPTH, MAX_RECURSION_DEPTH, newFrame, type Extraction } from './context';
import { bindPattern } from './assign';
import { evaluate } from './evaluate';
import { capsANorm } from './normClipping';
import { executeFunctionBody } from './statements';
import { recordClipping, resolveFrame } from './training';
import { Scope } from './scope';
import { UNKNOWN, UNKNOWN_NUMBER, hasTag, newTfRef, type FunctionValue, type ObjectValue, type UnknownValue, type Value } from './values';
import { runRegisteringHandlers } from './userEvents';
import type { ClippingEvidenceIR, Span } from '../ir';

// TypeScript exports its API through getters: read what the hot paths use once.
const { SyntaxKind, isArrowFunction, isBlock, isCallExpression, isIdentifier } = ts;

export function makeFunction(ctx: Extraction, node: ts.FunctionLikeDeclaration, closure: Scope, name?: string, nameSpan?: Span): FunctionValue {
  const fnName = name ?? (node.name && isIdentifier(node.name) ? node.name.text : undefined);
  const fn: FunctionValue = {
    tag: 'function',
    node,
    closure,
    module: ctx.module,
    name: fnName,
    nameSpan: nameSpan ?? (node.name ? ctx.spanOf(node.name) : undefined),
  };
  ctx.functions.push(fn);
  return fn;
}

/**
 * Runs a function nobody calls (or a callback): parameters with a default take it, the others are
 * unknown, except a parameter named `tf` in a module that uses tfjs: `function build(tf) {...}`
 * is written to receive the namespace.
 */
export function invokeWithUnknownArguments(ctx: Extraction, fn: FunctionValue, callNode?: ts.Node): Value {
  const args = fn.node.parameters.map((parameter) => {
    if (parameter.initializer) return { value: undefined };
    return { value: fn.module.usesTfjs && receivesTfjs(parameter) ? newTfRef([]) : UNKNOWN };
  });
  return invoke(ctx, fn, args, callNode, (scope) => {
    if (scope.has('arguments')) scope.declare('arguments', UNKNOWN);
  });
}

/** A parameter `tf` without a type, or typed as anything but a primitive (`tf: number` is a term frequency). */
function receivesTfjs(parameter: ts.ParameterDeclaration): boolean {
  if (!isIdentifier(parameter.name) || parameter.name.text !== 'tf' || parameter.dotDotDotToken) return false;
  const type = parameter.type;
  return type === undefined || !isPrimitiveType(type);
}

function isPrimitiveType(type: ts.TypeNode): boolean {
  switch (type.kind) {
    case SyntaxKind.NumberKeyword:
    case SyntaxKind.StringKeyword:
    case SyntaxKind.BooleanKeyword:
    case SyntaxKind.BigIntKeyword:
    case SyntaxKind.SymbolKeyword:
    case SyntaxKind.LiteralType:
    case SyntaxKind.ArrayType:
      return true;
    default:
      return false;
  }
}

/**
 * Whether a call of `fn` may run, given the calls running: recursion is the same code in the same
 * closure (a function made by another call of its maker, compose(...)'s result called from another
 * composed function, is a different function). It runs a few levels deep where its arguments are
 * known (a walk over a grid's keys `walk(i + 1, acc)`, a U-Net builder's `block(x, depth - 1)`), or
 * some are and the others are what the code could not read (a preset resolver's
 * `resolve(parent, seen)` with a Set): a known name, index or depth then decides where it stops.
 * With no argument known, or one missing, it would only repeat itself.
 */
function mayRecurse(ctx: Extraction, fn: FunctionValue, args: readonly Arg[]): boolean {
  let depth = 0;
  for (const running of ctx.callStack) if (running.node === fn.node && running.closure === fn.closure) depth++;
  if (depth === 0) return true;
  return depth < MAX_RECURSION_DEPTH && args.every((arg) => arg.value !== undefined) && args.some((arg) => !hasTag(arg.value, 'unknown'));
}

/**
 * Runs `fn` with `args`. `afterParameters` runs once the parameters are bound, before the body:
 * a constructor's prologue (parameter properties, field initializers) goes there.
 */
export function invoke(ctx: Extraction, fn: FunctionValue, args: Arg[], callNode?: ts.Node, afterParameters?: (scope: Scope) => void): Value {
  const body = fn.node.body;
  if (!body) return UNKNOWN;
  if (ctx.callStack.length >= MAX_CALL_DEPTH || !mayRecurse(ctx, fn, args)) return UNKNOWN;
  ctx.invoked.add(fn.node);

  const previousModule = ctx.module;
  const previousAnchor = fn.module.anchor;
  if (fn.module !== ctx.module && !fn.module.isMain && callNode && ctx.module.isMain) {
    // Layers built inside an imported helper are reported at the call in this file.
    fn.module.anchor = ctx.spanOf(callNode);
    // A base class's method run on this file's subclass: that file's analysis runs it on the same
    // instance (this file imports it, so it comes with that analysis as an importer).
    const ownSubclass = hasTag(fn.thisValue, 'object') && fn.thisValue.instanceOf?.module.isMain === true;
    ctx.placesImportedCode(fn.module.anchor, fn.module.fileName, ownSubclass);
  }
  const parentFrame = ctx.frame;
  ctx.frame = newFrame();
  if (capsANorm(fn.node, fn.module.sourceFile.text)) {
    const evidence: ClippingEvidenceIR = { kind: 'globalNorm', span: ctx.spanOf(callNode ?? fn.node) };
    // A callback (`tf.tidy(() => ...)` in the helper) is judged by the helper's call in this file.
    const callback = callNode !== undefined && isCallExpression(callNode) && callNode.arguments.some((arg) => arg === fn.node);
    recordClipping(ctx, evidence, callback ? ctx.callSpans[ctx.callSpans.length - 1] : callNode && ctx.module.isMain ? evidence.span : undefined);
  }
  ctx.callSpans.push(callNode && ctx.module.isMain ? ctx.spanOf(callNode) : undefined);
  ctx.callStack.push(fn);
  ctx.module = fn.module;
  const scope = new Scope(fn.closure);
  // `function* specs() { yield ... }`: the call's result is what the body yields, in order.
  const yields = fn.node.asteriskToken ? { items: [] as Value[], lengthKnown: true } : undefined;
  ctx.yields.push(yields);
  try {
    if (!isArrowFunction(fn.node)) {
      scope.declare('this', fn.thisValue ?? UNKNOWN);
      // ES5 code reads its arguments through `arguments` (`Array.prototype.slice.call(arguments, 1)`).
      if (readsArguments(fn)) scope.declare('arguments', { tag: 'array', items: args.map((arg) => arg.value) });
    }
    bindParameters(ctx, fn.node.parameters, fn.boundArgs ? [...fn.boundArgs.map((value) => ({ value })), ...args] : args, scope);
    afterParameters?.(scope);
    const wrapsBefore = ctx.wrappedOptimizers;
    let result = runRegisteringHandlers(ctx, () => (isBlock(body) ? executeFunctionBody(ctx, body, scope) : evaluate(ctx, body, scope)));
    result = resolveOptimizerWrapper(ctx, result, args, wrapsBefore);
    if (yields) result = { tag: 'array', items: yields.items, lengthKnown: yields.lengthKnown };
    nameFactoryResult(fn, result);
    return (result === UNKNOWN || result === UNKNOWN_NUMBER) && mayBoundItsResult(fn) ? boundedUnknown(fn, args.map((arg) => arg.value), result) : result;
  } finally {
    ctx.yields.pop();
    ctx.callStack.pop();
    ctx.callSpans.pop();
    ctx.module = previousModule;
    fn.module.anchor = previousAnchor;
    const frame = ctx.frame;
    ctx.frame = parentFrame;
    resolveFrame(frame, parentFrame);
  }
}

/** A test of a function's text, asked once per function. */
function textTest(test: (text: string, fn: FunctionValue) => boolean): (fn: FunctionValue) => boolean {
  const answers = new WeakMap<ts.Node, boolean>();
  return (fn) => {
    let answer = answers.get(fn.node);
    if (answer === undefined) answers.set(fn.node, (answer = test(fn.module.sourceFile.text.slice(fn.node.pos, fn.node.end), fn)));
    return answer;
  };
}

/** Functions short enough, and computing with `Math`, to be asked for a bound on what they return. */
const mayBoundItsResult = textTest((text, fn) => fn.node.parameters.length > 0 && text.length < 2_000 && text.includes('Math.'));

/** An unknown result with the bound scheduleBound.ts finds, computed once, when asked. */
function boundedUnknown(fn: FunctionValue, args: Value[], result: UnknownValue): Value {
  let bound: number | undefined | null = null;
  return { ...result, bound: () => (bound === null ? (bound = scheduleBound(fn, args)) : bound) };
}

/** Whether a function's text names `arguments`. */
const readsArguments = textTest((text) => /\barguments\b/.test(text));

function bindParameters(ctx: Extraction, parameters: readonly ts.ParameterDeclaration[], args: Arg[], scope: Scope): void {
  parameters.forEach((parameter, index) => {
    let value: Value;
    if (parameter.dotDotDotToken) {
      value = { tag: 'array', items: args.slice(index).map((arg) => arg.value) };
    } else {
      value = index < args.length ? args[index].value : undefined;
      if (value === undefined && parameter.initializer) value = evaluate(ctx, parameter.initializer, scope);
    }
    bindPattern(ctx, parameter.name, value, scope);
  });
}

/**
 * A helper that replaces `opt.applyGradients` and hands back something the interpreter cannot
 * follow still returns the same optimizer object: resolve the optimizer through its argument.
 */
function resolveOptimizerWrapper(ctx: Extraction, result: Value, args: Arg[], wrapsBefore: number): Value {
  if (ctx.wrappedOptimizers === wrapsBefore || hasTag(result, 'optimizer')) return result;
  const first = args[0]?.value;
  return hasTag(first, 'optimizer') ? first : result;
}

/**
 * A model returned by the function that created it is named after the function (a factory); a
 * core-API model is named after the outermost function returning its output (the predict function).
 */
function nameFactoryResult(fn: FunctionValue, result: Value): void {
  if (!fn.name || !fn.nameSpan) return;
  if (hasTag(result, 'model')) {
    const state = result.state;
    if (state.createdIn === fn.node && !state.namedByFactory) {
      state.name = fn.name;
      // An imported factory's name is not in this file: its model's diagnostics stay at the call.
      if (fn.module.isMain) state.nameSpan = fn.nameSpan;
      state.namedByFactory = true;
    }
  } else if (fn.module.isMain && hasTag(result, 'tensor') && result.node?.owner) {
    const state = result.node.owner;
    if (state.api === 'core' && state.createdWithin?.has(fn.node)) {
      state.name = fn.name;
      state.nameSpan = fn.nameSpan;
      state.span = spanOfFunction(fn);
    }
  }
}

function spanOfFunction(fn: FunctionValue): Span {
  const file = fn.module.sourceFile;
  return { start: fn.node.getStart(file), end: fn.node.end };
}

/**
 * Puts each method of `source` on `target`, bound to it (`this` is `target`), as a framework binds
 * a store's actions or a component's methods; one that nothing calls runs bound too (uncalled code).
 */
export function bindMethods(ctx: Extraction, source: ObjectValue, target: ObjectValue): void {
  source.props.forEach((member, key) => {
    const method = member.value;
    if (!hasTag(method, 'function')) return;
    const bound = { ...method, thisValue: target };
    target.props.set(key, { ...member, value: bound });
    if (!ctx.boundMethods.has(method.node)) ctx.boundMethods.set(method.node, bound);
  });
}
