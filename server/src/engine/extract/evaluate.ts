/** Evaluation of expressions to abstract values (constants folded, tfjs objects tracked). */
import ts from 'typescript';
import { layerGraphMember, modelGraphMember } from './modelParts';
import { runYieldedEffect } from './reduxSaga';
import { readsPageSetting } from './pageQuery';
import { getBuiltinGlobal, getBuiltinMember } from './builtins';
import { keepsRateInTensor } from '../tfjs/optimizers';
import { buildOf } from './callSites';
import { cliMember } from './cliOptions';
import { observableMember } from './rxjs';
import { cellMember } from './reactiveState';
import { evaluateCall, evaluateNew } from './calls';
import type { Extraction } from './context';
import { makeClass } from './classes';
import { invoke, makeFunction } from './functions';
import { assignTo } from './assign';
import { changeCount, forcedBranch, noteBranch, randomPick, recordTruthDecision, tableLookup, whitelistPick } from './decisions';
import { whitelistOf } from './whitelistGuards';
import { GLOBAL_OBJECTS } from './globalTf';
import { NOT_SET_BY_FILE, isGlobalObject, readPageGlobal } from './pageGlobals';
import { compoundOperator, foldBinary, foldPrefix, truthiness } from './operators';
import { NOT_BOUND, type Scope } from './scope';
import { readThroughProxy } from './proxies';
import { hasProperty } from './builtins';
import { regExpLiteral } from './regularExpressions';
import type { Span } from '../ir';
import { UNKNOWN, functionProperties, hasTag, isTagged, newObject, newTfRef, spreadInto, tfMember, type ArrayValue, type FunctionValue, type Member, type ObjectValue, type Primitive, type Value } from './values';
import { propertyKey } from './symbols';
import { joinValues } from './valueJoin';

// TypeScript exports its API through getters: read what the hot paths use once.
const { SyntaxKind, isArrayLiteralExpression, isIdentifier, isOmittedExpression, isParenthesizedExpression, isPrivateIdentifier, isPropertyAccessExpression, isSpreadElement } = ts;

/** Expressions that only wrap another: parentheses, type assertions, `!` and `await`. */
type OuterExpression = ts.ParenthesizedExpression | ts.AsExpression | ts.NonNullExpression | ts.TypeAssertion | ts.SatisfiesExpression | ts.AwaitExpression;

// One switch on the kind: each `is...` test would read the kind again.
function isOuterExpression(node: ts.Expression): node is OuterExpression {
  switch (node.kind) {
    case SyntaxKind.ParenthesizedExpression:
    case SyntaxKind.AsExpression:
    case SyntaxKind.NonNullExpression:
    case SyntaxKind.TypeAssertionExpression:
    case SyntaxKind.SatisfiesExpression:
    case SyntaxKind.AwaitExpression:
      return true;
    default:
      return false;
  }
}

/** The expression inside parentheses, type assertions, `!` and `await`. */
export function skipOuterExpressions(node: ts.Expression): ts.Expression {
  let current = node;
  while (isOuterExpression(current)) current = current.expression;
  return current;
}

export function evaluate(ctx: Extraction, node: ts.Expression, scope: Scope): Value {
  ctx.step();
  switch (node.kind) {
    case SyntaxKind.NumericLiteral:
      return Number((node as ts.NumericLiteral).text);
    case SyntaxKind.StringLiteral:
    case SyntaxKind.NoSubstitutionTemplateLiteral:
      return (node as ts.StringLiteral).text;
    case SyntaxKind.TemplateExpression:
      return evaluateTemplate(ctx, node as ts.TemplateExpression, scope);
    case SyntaxKind.TrueKeyword:
      return true;
    case SyntaxKind.FalseKeyword:
      return false;
    case SyntaxKind.NullKeyword:
      return null;
    case SyntaxKind.Identifier:
      if (ctx.pinned?.has((node as ts.Identifier).text)) return ctx.pinned.get((node as ts.Identifier).text)!;
      return lookupIdentifier((node as ts.Identifier).text, scope);
    case SyntaxKind.ThisKeyword:
      return scope.lookup('this') ?? UNKNOWN;
    case SyntaxKind.PrefixUnaryExpression:
      return evaluatePrefix(ctx, node as ts.PrefixUnaryExpression, scope);
    case SyntaxKind.PostfixUnaryExpression:
      return evaluateUpdate(ctx, (node as ts.PostfixUnaryExpression).operand, (node as ts.PostfixUnaryExpression).operator, scope, true);
    case SyntaxKind.BinaryExpression:
      return evaluateBinary(ctx, node as ts.BinaryExpression, scope);
    case SyntaxKind.ConditionalExpression:
      return evaluateConditional(ctx, node as ts.ConditionalExpression, scope);
    case SyntaxKind.ArrayLiteralExpression:
      return evaluateArray(ctx, node as ts.ArrayLiteralExpression, scope);
    case SyntaxKind.ObjectLiteralExpression:
      return evaluateObject(ctx, node as ts.ObjectLiteralExpression, scope);
    case SyntaxKind.CallExpression:
      return evaluateCall(ctx, node as ts.CallExpression, scope);
    case SyntaxKind.NewExpression:
      return evaluateNew(ctx, node as ts.NewExpression, scope);
    case SyntaxKind.PropertyAccessExpression: {
      const access = node as ts.PropertyAccessExpression;
      if (ctx.pinned?.has(ctx.textOf(access))) return ctx.pinned.get(ctx.textOf(access))!;
      if (readsOwnExports(access.expression, scope)) return ownExport(ctx, access.name.text);
      const target = evaluate(ctx, access.expression, scope);
      if (shortCircuits(access, target)) return undefined;
      const proxy = hasTag(target, 'object') && ctx.proxies.size > 0 ? ctx.proxies.get(target) : undefined;
      if (proxy) return readThroughProxy(ctx, proxy, target as ObjectValue, access.name.text, access);
      const ownGlobal = isGlobalObject(target) ? readPageGlobal(ctx, access.name.text) : NOT_SET_BY_FILE;
      if (ownGlobal !== NOT_SET_BY_FILE) return ownGlobal;
      const member = getMember(target, access.name.text);
      if (hasTag(member, 'function') && hasTag(target, 'object') && target.span) noteKeyRead(ctx, target.span.start, access.name.text);
      return throughGetter(ctx, member, access);
    }
    case SyntaxKind.ElementAccessExpression: {
      const access = node as ts.ElementAccessExpression;
      const target = evaluate(ctx, access.expression, scope);
      if (shortCircuits(access, target)) return undefined;
      const key = evaluate(ctx, access.argumentExpression, scope);
      const pick = isRandomPick(ctx, access, target, key);
      if (pick) return randomPick(ctx, access, pick);
      // `pop[Math.floor(Math.random() * 3)]` of objects: what every one of them holds alike.
      if (isRandomIndex(ctx, access, target, key)) return joinValues((target as ArrayValue).items);
      const keyText = propertyKey(key);
      const proxy = keyText !== undefined && hasTag(target, 'object') && ctx.proxies.size > 0 ? ctx.proxies.get(target) : undefined;
      if (proxy) return readThroughProxy(ctx, proxy, target as ObjectValue, keyText!, access);
      if (hasTag(target, 'object') && target.span) noteKeyRead(ctx, target.span.start, keyText);
      if (keyText === undefined) return (hasTag(key, 'unknown') && hasTag(target, 'object') && tableLookup(ctx, access, target, key)) || UNKNOWN;
      const ownGlobal = isGlobalObject(target) ? readPageGlobal(ctx, keyText) : NOT_SET_BY_FILE;
      if (ownGlobal !== NOT_SET_BY_FILE) return ownGlobal;
      return throughGetter(ctx, getMember(target, typeof key === 'number' ? key : keyText), access);
    }
    case SyntaxKind.ArrowFunction:
    case SyntaxKind.FunctionExpression:
      return makeFunction(ctx, node as ts.FunctionLikeDeclaration, scope);
    case SyntaxKind.ClassExpression:
      return makeClass(ctx, node as ts.ClassExpression, scope);
    case SyntaxKind.RegularExpressionLiteral:
      return regExpLiteral((node as ts.RegularExpressionLiteral).text);
    case SyntaxKind.VoidExpression:
      evaluate(ctx, (node as ts.VoidExpression).expression, scope);
      return undefined;
    case SyntaxKind.TypeOfExpression:
      return typeOf(evaluate(ctx, (node as ts.TypeOfExpression).expression, scope));
    case SyntaxKind.YieldExpression:
      return evaluateYield(ctx, node as ts.YieldExpression, scope);
    default:
      // A wrapper is a step of its own, as every evaluated node is (the step budget counts it).
      return isOuterExpression(node) ? evaluate(ctx, node.expression, scope) : UNKNOWN;
  }
}

/**
 * `yield value` / `yield* iterable` in a generator: added to what its call returns; what `next()`
 * sends back is unknown, but for a redux-saga effect, whose result the middleware sends back.
 */
function evaluateYield(ctx: Extraction, node: ts.YieldExpression, scope: Scope): Value {
  const value = node.expression ? evaluate(ctx, node.expression, scope) : undefined;
  const sent = node.asteriskToken ? undefined : runYieldedEffect(node, value);
  const yields = ctx.yields[ctx.yields.length - 1];
  if (!yields) return sent ?? UNKNOWN;
  if (!node.asteriskToken) yields.items.push(value);
  else if (hasTag(value, 'array')) yields.items.push(...value.items);
  // A yield in a pass that stands for many runs, or of an iterable not known, yields an unknown number of values.
  if (ctx.representative > 0 || (node.asteriskToken && (!hasTag(value, 'array') || value.lengthKnown === false))) yields.lengthKnown = false;
  return sent ?? UNKNOWN;
}

/** Most lists a random search picks from are short; longer ones (a vocabulary) stay one unknown. */
const MAX_PICKED_ITEMS = 8;

/** `list[Math.floor(Math.random() * n)]` of a list whose items are all known: one of them, not known which. */
function isRandomIndex(ctx: Extraction, access: ts.ElementAccessExpression, target: Value, key: Value): boolean {
  if (!hasTag(key, 'unknown') || !hasTag(target, 'array') || target.lengthKnown === false || target.items.length === 0) return false;
  return ctx.textOf(access.argumentExpression).includes('Math.random');
}

/** `list[Math.floor(Math.random() * list.length)]` on a written list of numbers, strings or booleans: its items. */
function isRandomPick(ctx: Extraction, access: ts.ElementAccessExpression, target: Value, key: Value): Primitive[] | undefined {
  if (!hasTag(target, 'array') || target.items.length < 2 || target.items.length > MAX_PICKED_ITEMS) return undefined;
  const items = target.items;
  if (!items.every((item) => typeof item === 'number' || typeof item === 'string' || typeof item === 'boolean')) return undefined;
  return isRandomIndex(ctx, access, target, key) ? (items as Primitive[]) : undefined;
}

/** `ZOO[name]`, `plugin.build`: which members of a registry are read is what tells the ones never used (unusedBuilders.ts). */
export function noteKeyRead(ctx: Extraction, objectStart: number, key: string | undefined): void {
  const keys = ctx.keysRead.get(objectStart);
  if (keys === 'any') return;
  if (key === undefined) ctx.keysRead.set(objectStart, 'any');
  else if (keys) keys.add(key);
  else ctx.keysRead.set(objectStart, new Set([key]));
}

/**
 * A getter's value where its property is read (`this.depth` runs `get depth() { ... }`). Classes
 * and object literals store a getter as a function member; a read that returned the function
 * would turn `i < this.depth` into a comparison with a function.
 */
export function throughGetter(ctx: Extraction, member: Value, read: ts.Node): Value {
  return isGetter(member) ? invoke(ctx, member, [], read) : member;
}

/** A `get` accessor, or the `get` of a property `Object.defineProperty` defines. */
export function isGetter(value: Value): value is FunctionValue {
  return hasTag(value, 'function') && (value.node.kind === SyntaxKind.GetAccessor || value.definedGetter === true);
}

export function lookupIdentifier(name: string, scope: Scope): Value {
  const bound = scope.resolve(name);
  if (bound !== NOT_BOUND) return bound;
  if (name === 'undefined') return undefined;
  if (name === 'NaN') return NaN;
  if (name === 'Infinity') return Infinity;
  return getBuiltinGlobal(name) ?? UNKNOWN;
}

/**
 * `exports` or `module.exports`, the Node globals (no local of that name): CommonJS code, and
 * TypeScript's CommonJS output above all, reads its own exports back (`hp = exports.DEFAULT_HPARAMS`).
 */
function readsOwnExports(node: ts.Expression, scope: Scope): boolean {
  if (node.kind === SyntaxKind.Identifier) return (node as ts.Identifier).text === 'exports' && !scope.find('exports');
  if (node.kind !== SyntaxKind.PropertyAccessExpression) return false;
  const access = node as ts.PropertyAccessExpression;
  return access.name.text === 'exports' && isIdentifier(access.expression) && access.expression.text === 'module' && !scope.find('module');
}

/**
 * An export of the module read back: what `exports.x = ...` assigned, else a member of what
 * `module.exports = ...` did. Not exported yet is unknown, not undefined: the assignment may be
 * in code the interpreter did not run.
 */
function ownExport(ctx: Extraction, name: string): Value {
  const module = ctx.module;
  if (module.exports.has(name)) return module.exports.get(name);
  return module.commonJsExports === undefined ? UNKNOWN : getMember(module.commonJsExports, name);
}

/**
 * A setting from outside the code, which a plain run does not have: an environment variable
 * (`process.env.LR`, `process.env['LR']`) or a property of the page's global object that another
 * script may set (`window.Risk` in `window.Risk = window.Risk || {}`, `window.APP_CONFIG`), the
 * globals being the runtime's, not locals of those names. `window.tf` is tfjs, not a setting.
 */
function readsOutsideSetting(node: ts.Expression, scope: Scope): boolean {
  const read = skipOuterExpressions(node);
  if (!isPropertyAccessExpression(read) && !ts.isElementAccessExpression(read)) return false;
  const holder = skipOuterExpressions(read.expression);
  if (isIdentifier(holder)) return GLOBAL_OBJECTS.includes(holder.text) && !scope.find(holder.text) && !(isPropertyAccessExpression(read) && read.name.text === 'tf');
  return isPropertyAccessExpression(holder) && holder.name.text === 'env' && isIdentifier(holder.expression) && holder.expression.text === 'process' && !scope.find('process');
}

/**
 * `body.lr` of an object nothing is known of (a request's body, a parameter of code nobody calls):
 * `body.lr ?? 0.05` takes the default the code writes, as `const { lr = 0.05 } = body` does.
 * Only a holder read without calls (`req.body`, `this.opts`) is evaluated again here.
 */
function readsUnknownObject(ctx: Extraction, node: ts.Expression, scope: Scope): boolean {
  const read = skipOuterExpressions(node);
  if (!isPropertyAccessExpression(read) && !(ts.isElementAccessExpression(read) && ts.isStringLiteralLike(read.argumentExpression))) return false;
  return readsWithoutCalls(read.expression) && hasTag(evaluate(ctx, read.expression, scope), 'unknown');
}

function readsWithoutCalls(node: ts.Expression): boolean {
  const read = skipOuterExpressions(node);
  if (isIdentifier(read) || read.kind === SyntaxKind.ThisKeyword) return true;
  return isPropertyAccessExpression(read) && readsWithoutCalls(read.expression);
}

/** `opts?.lr` (and the rest of its chain, `opts?.head.units`) with `opts` undefined or null is undefined, as in JavaScript. */
function shortCircuits(access: ts.PropertyAccessExpression | ts.ElementAccessExpression, target: Value): boolean {
  return (target === undefined || target === null) && ts.isOptionalChain(access);
}

/** A model's members that list its weights. */
const WEIGHT_LISTS: ReadonlySet<string> = new Set(['trainableWeights', 'weights', 'trainableVariables']);

/** `value.name` for the values the interpreter understands. */
export function getMember(target: Value, name: string | number): Value {
  if (!isTagged(target)) {
    if (typeof target === 'string' && name === 'length') return target.length;
    // `part[0]`: a character of a known string (beyond its end, undefined).
    if (typeof target === 'string' && typeof name === 'number' && Number.isInteger(name) && name >= 0) return target[name];
    return UNKNOWN;
  }
  switch (target.tag) {
    case 'tf':
      return tfMember(target, String(name));
    case 'builtin': {
      // A member of a package function made with bound values (a Zustand hook's `getState`) keeps them.
      const member = getBuiltinMember(target.path, String(name));
      return target.bound && hasTag(member, 'builtin') ? { ...member, bound: target.bound } : member;
    }
    case 'object': {
      const member = target.props.get(String(name));
      if (member) return member.value;
      if (name === 'constructor' && target.instanceOf) return target.instanceOf;
      if (target.tfjs) return newTfRef([String(name)]);
      return target.open ? UNKNOWN : undefined;
    }
    case 'array':
      if (name === 'length') return target.lengthKnown === false ? UNKNOWN : target.items.length;
      if (typeof name === 'string' && target.members?.has(name)) return target.members.get(name);
      if (typeof name === 'number') return name >= 0 && name < target.items.length ? target.items[name] : target.lengthKnown === false ? UNKNOWN : undefined;
      return UNKNOWN;
    case 'variable':
    case 'tensor':
      // A size not known (null in the shape) reads as a number not known, not as null.
      if (name === 'shape' && target.shape) return { tag: 'array', items: target.shape.map((dim) => dim ?? UNKNOWN) };
      return UNKNOWN;
    case 'class':
      if (target.statics.has(String(name))) return target.statics.get(String(name));
      return target.base ? getMember(target.base, name) : UNKNOWN;
    case 'function':
      return getMember(functionProperties(target), name);
    case 'cliParser':
      return cliMember(target, String(name));
    case 'observable':
      return observableMember(target, String(name));
    case 'cell':
      return cellMember(target, String(name));
    case 'symbol':
      return name === 'description' ? target.description : UNKNOWN;
    case 'model': {
      const part = modelGraphMember(target.state, String(name));
      if (part !== undefined) return part;
      // Its weights, of a number not known (the one unknown item stands for them all).
      if (WEIGHT_LISTS.has(String(name))) return { tag: 'array', items: [UNKNOWN], lengthKnown: false, weightsOf: [target.state] };
      // `this.model.optimizer` in a callback: the optimizer the model was compiled with, as tfjs's `model.optimizer`.
      const optimizer = name === 'optimizer' ? (buildOf(target.state).training.optimizer ?? target.state.training.optimizer) : undefined;
      return optimizer ? { tag: 'optimizer', ir: optimizer, clipping: [] } : UNKNOWN;
    }
    case 'layer':
      return layerGraphMember(target, String(name));
    case 'optimizer':
      // Code that works for any optimizer asks whether it can `setLearningRate()` (tfjs-core: SGD, and Momentum that extends it).
      if (name !== 'setLearningRate') return UNKNOWN;
      if (target.ir.name === 'unknown') return UNKNOWN;
      return keepsRateInTensor(target.ir.name) ? SET_LEARNING_RATE : undefined;
    default:
      return UNKNOWN;
  }
}

/** The `setLearningRate` method of an sgd or momentum optimizer, as read (not called). */
const SET_LEARNING_RATE: Value = { tag: 'builtin', path: 'SGDOptimizer.setLearningRate' };

/** `typeof x` of a value the interpreter knows the kind of; unknown for the others (a builtin may be a namespace or a function). */
function typeOf(value: Value): Value {
  if (!isTagged(value)) return value === null ? 'object' : typeof value;
  switch (value.tag) {
    case 'function':
    case 'class':
      return 'function';
    case 'builtin':
      return value === SET_LEARNING_RATE ? 'function' : UNKNOWN;
    case 'symbol':
      return 'symbol';
    case 'unknown':
      return value.number ? 'number' : UNKNOWN;
    case 'tf':
      return UNKNOWN;
    default:
      return 'object';
  }
}

function evaluateTemplate(ctx: Extraction, node: ts.TemplateExpression, scope: Scope): Value {
  let text = node.head.text;
  let known = true;
  for (const span of node.templateSpans) {
    const value = evaluate(ctx, span.expression, scope);
    if (isTagged(value)) known = false;
    else text += String(value);
    text += span.literal.text;
  }
  return known ? text : UNKNOWN;
}

function evaluatePrefix(ctx: Extraction, node: ts.PrefixUnaryExpression, scope: Scope): Value {
  if (node.operator === SyntaxKind.PlusPlusToken || node.operator === SyntaxKind.MinusMinusToken) {
    return evaluateUpdate(ctx, node.operand, node.operator, scope, false);
  }
  return foldPrefix(node.operator, evaluate(ctx, node.operand, scope));
}

function evaluateUpdate(ctx: Extraction, target: ts.Expression, op: ts.SyntaxKind, scope: Scope, postfix: boolean): Value {
  const before = evaluate(ctx, target, scope);
  const after = typeof before === 'number' ? (op === SyntaxKind.PlusPlusToken ? before + 1 : before - 1) : UNKNOWN;
  // Counted across the runs a pass stands for, the update gives one of many values (`if (++inWindow === 4)`).
  if (countedAcrossRuns(ctx, target, scope)) {
    assignTo(ctx, target, UNKNOWN, scope);
    return UNKNOWN;
  }
  assignTo(ctx, target, after, scope);
  return postfix ? before : after;
}

/**
 * Whether `target` is state bound outside the pass that stands for many runs (ctx.passBoundaries),
 * a name or a member of one (`this.steps`, `samples.value`): updated from itself there
 * (`updates += 1`, `step++`, `samples = [...samples, s]`), it holds one of many values, so a
 * condition on it (`updates % 500 === 0`, `samples.length < 50`) may hold in a run the pass does
 * not show.
 */
function countedAcrossRuns(ctx: Extraction, target: ts.Expression, scope: Scope): boolean {
  const boundary = ctx.passBoundaries[ctx.passBoundaries.length - 1];
  if (boundary === undefined) return false;
  while (isPropertyAccessExpression(target)) target = target.expression;
  if (target.kind === SyntaxKind.ThisKeyword) return true;
  if (!isIdentifier(target)) return false;
  const owner = scope.find(target.text);
  if (owner === undefined) return true;
  for (let outer: Scope | undefined = boundary; outer; outer = outer.parent) if (outer === owner) return true;
  return false;
}

/** `samples = [...samples, item]`: the array grows by one item each run of the pass. */
function appendsToItself(ctx: Extraction, node: ts.BinaryExpression): boolean {
  const right = skipOuterExpressions(node.right);
  if (!isArrayLiteralExpression(right)) return false;
  const target = ctx.textOf(node.left);
  return right.elements.some((element) => isSpreadElement(element) && ctx.textOf(element.expression) === target);
}

/**
 * `table[key] ??= {}`, `opts.lr ||= 0.001`, `flag &&= ok`: the right side is evaluated and assigned
 * only when the left's value calls for it; with a left not known it is evaluated (a lazy
 * `model ??= build()` still builds), and the result and the target are unknown.
 */
function evaluateLogicalAssignment(ctx: Extraction, node: ts.BinaryExpression, scope: Scope): Value {
  const op = node.operatorToken.kind;
  const current = evaluate(ctx, node.left, scope);
  const assigns = op === SyntaxKind.QuestionQuestionEqualsToken
    ? (hasTag(current, 'unknown') ? undefined : current === undefined || current === null)
    : op === SyntaxKind.BarBarEqualsToken ? negate(truthiness(current)) : truthiness(current);
  if (assigns === false) return current;
  const assigned = evaluateNamed(ctx, node.right, scope, node.left);
  const value = assigns ? assigned : UNKNOWN;
  assignTo(ctx, node.left, value, scope, node);
  return value;
}

function negate(decided: boolean | undefined): boolean | undefined {
  return decided === undefined ? undefined : !decided;
}

function evaluateBinary(ctx: Extraction, node: ts.BinaryExpression, scope: Scope): Value {
  const op = node.operatorToken.kind;
  if (op === SyntaxKind.EqualsToken) {
    let value = evaluateNamed(ctx, node.right, scope, node.left);
    if (hasTag(value, 'array') && appendsToItself(ctx, node) && countedAcrossRuns(ctx, node.left, scope)) value = { ...value, lengthKnown: false };
    assignTo(ctx, node.left, value, scope, node);
    return value;
  }
  if (op === SyntaxKind.QuestionQuestionEqualsToken || op === SyntaxKind.BarBarEqualsToken || op === SyntaxKind.AmpersandAmpersandEqualsToken) return evaluateLogicalAssignment(ctx, node, scope);
  const compound = compoundOperator(op);
  if (compound !== undefined) {
    const folded = foldBinary(compound, evaluate(ctx, node.left, scope), evaluate(ctx, node.right, scope));
    const value = countedAcrossRuns(ctx, node.left, scope) ? UNKNOWN : folded;
    assignTo(ctx, node.left, value, scope, node);
    return value;
  }
  // A run without the variable takes the default the code gives it, as for a CLI option's default.
  if ((op === SyntaxKind.BarBarToken || op === SyntaxKind.QuestionQuestionToken) && (readsOutsideSetting(node.left, scope) || readsUnknownObject(ctx, node.left, scope) || readsPageSetting(ctx, node.left, scope))) return evaluate(ctx, node.right, scope);
  if (op === SyntaxKind.AmpersandAmpersandToken || op === SyntaxKind.BarBarToken) {
    const outcome = logicalOutcome(ctx, node, scope);
    return 'value' in outcome ? outcome.value : UNKNOWN;
  }
  if (op === SyntaxKind.QuestionQuestionToken) {
    const left = evaluate(ctx, node.left, scope);
    if (isTagged(left) && left.tag === 'unknown') {
      evaluate(ctx, node.right, scope);
      return UNKNOWN;
    }
    return left !== null && left !== undefined ? left : evaluate(ctx, node.right, scope);
  }
  if (op === SyntaxKind.CommaToken) {
    evaluate(ctx, node.left, scope);
    return evaluate(ctx, node.right, scope);
  }
  if (op === SyntaxKind.InKeyword) {
    const key = evaluate(ctx, node.left, scope);
    return hasProperty(evaluate(ctx, node.right, scope), key);
  }
  if (op === SyntaxKind.InstanceOfKeyword) {
    evaluate(ctx, node.left, scope);
    evaluate(ctx, node.right, scope);
    return UNKNOWN;
  }
  return foldBinary(op, evaluate(ctx, node.left, scope), evaluate(ctx, node.right, scope));
}

/** `a && b` or `a || b`: its value when the truth of `a` is known or forced, else the values of its two sides. */
function logicalOutcome(ctx: Extraction, node: ts.BinaryExpression, scope: Scope): ConditionalOutcome {
  const and = node.operatorToken.kind === SyntaxKind.AmpersandAmpersandToken;
  const left = evaluate(ctx, node.left, scope);
  let decided = truthiness(left);
  // The right side is the guarded part: it runs when `&&`'s left holds, or `||`'s does not.
  noteBranch(ctx, node, decided === undefined ? undefined : decided === and);
  if (decided === undefined) decided = forcedBranch(ctx, node, node.left, and);
  if (decided === undefined) {
    // `flag && model.add(...)`: a guard, a decision when the right side changes something.
    const before = changeCount(ctx);
    const right = evaluate(ctx, node.right, scope);
    if (changeCount(ctx) !== before) recordTruthDecision(ctx, node.left);
    // `value && typeof value === 'object'` of a number: falsy whatever `value` is (it, when falsy, or false).
    if (and && right === false) return { value: false };
    return { either: [left, right] };
  }
  const keepLeft = and ? !decided : decided;
  return { value: keepLeft ? left : evaluate(ctx, node.right, scope) };
}

/** The branch each conditional took when last evaluated, while it was decided (writtenValueNode). */
const decidedBranches = new WeakMap<ts.ConditionalExpression, ts.Expression>();

/**
 * Where a value was written: through parentheses and into the branch a decided conditional took
 * (`zeroInit ? 'zeros' : 'heNormal'` with zeroInit true is written at `'zeros'`), so a message
 * quotes and a fix edits that branch and keeps the switch.
 */
function writtenValueNode(node: ts.Expression): ts.Expression {
  let current = node;
  for (;;) {
    if (isParenthesizedExpression(current)) current = current.expression;
    else if (current.kind === SyntaxKind.ConditionalExpression && decidedBranches.has(current as ts.ConditionalExpression)) current = decidedBranches.get(current as ts.ConditionalExpression)!;
    else return current;
  }
}

/**
 * `c ? a : b`: one side when `c` is known or forced (decisions.ts). Otherwise the value is known
 * only when both sides agree, and the decision forks the model when the sides differ in a known
 * value (`useRelu ? 'relu' : 'tanh'`) or change something.
 */
function evaluateConditional(ctx: Extraction, node: ts.ConditionalExpression, scope: Scope): Value {
  const outcome = conditionalOutcome(ctx, node, scope);
  return 'value' in outcome ? outcome.value : UNKNOWN;
}

/** A conditional's value when it is known, else the values of its two sides. */
type ConditionalOutcome = { value: Value } | { either: [Value, Value] };

function conditionalOutcome(ctx: Extraction, node: ts.ConditionalExpression, scope: Scope): ConditionalOutcome {
  let condition = truthiness(evaluate(ctx, node.condition, scope));
  noteBranch(ctx, node, condition);
  if (condition === undefined) {
    const allowed = allowedValues(ctx, node, scope);
    if (allowed) return { value: whitelistPick(ctx, node, node.whenTrue, allowed, () => evaluate(ctx, node.whenFalse, scope)) };
    condition = forcedBranch(ctx, node, node.condition);
  }
  if (condition !== undefined) {
    const branch = condition ? node.whenTrue : node.whenFalse;
    decidedBranches.set(node, branch);
    return { value: evaluate(ctx, branch, scope) };
  }
  decidedBranches.delete(node);
  const before = changeCount(ctx);
  const whenTrue = evaluate(ctx, node.whenTrue, scope);
  const whenFalse = evaluate(ctx, node.whenFalse, scope);
  const same = !isTagged(whenTrue) && whenTrue === whenFalse;
  const known = (value: Value) => !isTagged(value) || value.tag !== 'unknown';
  if (changeCount(ctx) !== before || (!same && (known(whenTrue) || known(whenFalse)))) recordTruthDecision(ctx, node.condition);
  return same ? { value: whenTrue } : { either: [whenTrue, whenFalse] };
}

/** `ALLOWED.includes(x) ? x : fallback` (a whitelist, whitelistGuards.ts) when x is not known: the list's items; else undefined. */
function allowedValues(ctx: Extraction, node: ts.ConditionalExpression, scope: Scope): Primitive[] | undefined {
  const whitelist = whitelistOf(ctx, node.condition, scope);
  return whitelist && ctx.textOf(whitelist.subject) === ctx.textOf(skipOuterExpressions(node.whenTrue)) ? whitelist.items : undefined;
}

/**
 * `...(first ? { inputShape: [n] } : {})` or `...(first && { inputShape: [n] })` in an object
 * literal, the condition not known: the members the sides hold alike are spread, the others are
 * unknown, and those the object held before are kept (an unknown spread would make every one of
 * them unknown).
 */
function spreadChoice(ctx: Extraction, object: ObjectValue, node: ts.ConditionalExpression | ts.BinaryExpression, scope: Scope): void {
  const outcome = ts.isConditionalExpression(node) ? conditionalOutcome(ctx, node, scope) : logicalOutcome(ctx, node, scope);
  if ('value' in outcome) spreadInto(object, outcome.value);
  // `&&`'s left side is spread only when it is falsy: it spreads nothing.
  else spreadOneOf(object, ts.isConditionalExpression(node) ? outcome.either : [undefined, outcome.either[1]]);
}

/**
 * Spreads one of `sources`, not known which (an object, or a value that spreads nothing). An
 * input shape only one side writes is the written one (evaluateShapeOption says why).
 */
function spreadOneOf(target: ObjectValue, sources: readonly Value[]): void {
  const objects = sources.filter((source): source is ObjectValue => hasTag(source, 'object'));
  if (objects.some((object) => object.open || object.tfjs) || sources.some((source) => isTagged(source) && !hasTag(source, 'object'))) {
    spreadInto(target, UNKNOWN);
    return;
  }
  const keys = new Set<string>();
  for (const object of objects) object.props.forEach((_, key) => keys.add(key));
  for (const key of keys) {
    const members = objects.map((object) => object.props.get(key)).filter((member): member is Member => member !== undefined);
    const everywhere = members.length === sources.length;
    const value = everywhere || INPUT_SHAPE_KEYS.has(key) ? joinValues(members.map((member) => member.value)) : UNKNOWN;
    target.props.set(key, { ...members[0], value, ...(members.some((member) => member !== members[0]) && { foreign: true }) });
  }
}

const INPUT_SHAPE_KEYS: ReadonlySet<string> = new Set(['inputShape', 'batchInputShape']);

/** `undefined`, `null` or `void 0` as written. */
function isAbsentLiteral(node: ts.Expression): boolean {
  const inner = skipOuterExpressions(node);
  return inner.kind === SyntaxKind.NullKeyword || inner.kind === SyntaxKind.VoidExpression || (isIdentifier(inner) && inner.text === 'undefined');
}

/**
 * A layer's `inputShape: i === 0 ? [n] : undefined` (a loop building a stack of unknown depth):
 * the written shape when the condition is not known. tfjs throws when a model's first layer has no
 * input shape ("The first layer in a Sequential model must get an `inputShape`") and ignores a
 * later layer's, so in every run that builds the model the shape that counts is the written one;
 * the condition forks no variant.
 */
function evaluateShapeOption(ctx: Extraction, node: ts.Expression, scope: Scope): Value {
  const conditional = skipOuterExpressions(node);
  if (!ts.isConditionalExpression(conditional) || isAbsentLiteral(conditional.whenTrue) === isAbsentLiteral(conditional.whenFalse)) return evaluate(ctx, node, scope);
  const condition = truthiness(evaluate(ctx, conditional.condition, scope));
  const written = isAbsentLiteral(conditional.whenTrue) ? conditional.whenFalse : conditional.whenTrue;
  return evaluate(ctx, condition === undefined ? written : condition ? conditional.whenTrue : conditional.whenFalse, scope);
}

function evaluateArray(ctx: Extraction, node: ts.ArrayLiteralExpression, scope: Scope): Value {
  const elements = node.elements;
  if (!elements.some((element) => isSpreadElement(element) || isOmittedExpression(element))) {
    // One item per element: an array of the exact size, filled without a callback.
    const items = new Array<Value>(elements.length);
    for (let i = 0; i < elements.length; i++) items[i] = evaluate(ctx, elements[i], scope);
    const array: ArrayValue = ctx.inMainFile ? { tag: 'array', items, lengthKnown: true, literal: node } : { tag: 'array', items, lengthKnown: true };
    if (ctx.representative > 0) array.madeInPass = ctx.representative;
    return array;
  }
  const items: Value[] = [];
  let lengthKnown = true;
  for (const element of node.elements) {
    if (isSpreadElement(element)) {
      const spread = evaluate(ctx, element.expression, scope);
      if (hasTag(spread, 'array')) {
        items.push(...spread.items);
        lengthKnown &&= spread.lengthKnown === true;
      } else {
        items.push(UNKNOWN);
        lengthKnown = false;
      }
    } else if (isOmittedExpression(element)) {
      items.push(undefined);
    } else {
      items.push(evaluate(ctx, element, scope));
    }
  }
  return { tag: 'array', items, lengthKnown };
}

export function propertyNameText(ctx: Extraction, name: ts.PropertyName, scope: Scope): string | undefined {
  switch (name.kind) {
    case SyntaxKind.Identifier:
    case SyntaxKind.StringLiteral:
    case SyntaxKind.NumericLiteral:
    case SyntaxKind.PrivateIdentifier:
      return name.text;
    case SyntaxKind.ComputedPropertyName: {
      return propertyKey(evaluate(ctx, name.expression, scope));
    }
    default:
      return undefined;
  }
}

// One switch on the property's kind: each `is...` test would read the kind again.
function evaluateObject(ctx: Extraction, node: ts.ObjectLiteralExpression, scope: Scope): Value {
  const object = newObject(ctx.spanOf(node), node.properties.length);
  for (const property of node.properties) {
    if (property.kind === SyntaxKind.SpreadAssignment) {
      const spread = skipOuterExpressions(property.expression);
      if (ts.isConditionalExpression(spread) || (ts.isBinaryExpression(spread) && spread.operatorToken.kind === SyntaxKind.AmpersandAmpersandToken)) spreadChoice(ctx, object, spread, scope);
      else spreadInto(object, evaluate(ctx, property.expression, scope));
      continue;
    }
    const key = property.name ? propertyNameText(ctx, property.name, scope) : undefined;
    if (key === undefined) continue;
    let member: Member;
    switch (property.kind) {
      case SyntaxKind.PropertyAssignment: {
        const value = INPUT_SHAPE_KEYS.has(key) ? evaluateShapeOption(ctx, property.initializer, scope) : evaluateNamed(ctx, property.initializer, scope, property.name);
        member = { value, span: ctx.spanOf(property), valueSpan: ctx.spanOf(writtenValueNode(property.initializer)) };
        break;
      }
      case SyntaxKind.ShorthandPropertyAssignment:
        member = { value: lookupIdentifier(property.name.text, scope), span: ctx.spanOf(property), valueSpan: ctx.spanOf(property.name), shorthand: true };
        break;
      case SyntaxKind.MethodDeclaration:
      case SyntaxKind.GetAccessor:
      case SyntaxKind.SetAccessor: {
        const fn = makeFunction(ctx, property, scope, key, ctx.spanOf(property.name));
        fn.thisValue = object;
        member = accessorMember(object.props.get(key), property.kind, fn, ctx.spanOf(property));
        break;
      }
      default:
        continue;
    }
    if (!ctx.inMainFile) member.foreign = true;
    object.props.set(key, member);
  }
  return object;
}

/**
 * The member a method or accessor declares: a getter and a setter of one name make one member,
 * the getter its value and the setter what an assignment runs.
 */
export function accessorMember(previous: Member | undefined, kind: ts.SyntaxKind, fn: FunctionValue, span: Span): Member {
  if (kind === SyntaxKind.SetAccessor) {
    const read = previous !== undefined && isGetter(previous.value) ? previous.value : undefined;
    return { value: read, span, valueSpan: span, setter: fn };
  }
  return { value: fn, span, valueSpan: span, ...(kind === SyntaxKind.GetAccessor && previous?.setter ? { setter: previous.setter } : {}) };
}

/**
 * Evaluates the value of a declaration or assignment, telling model constructors the name it is
 * bound to (`const model = tf.sequential()` names the model `model`).
 */
export function evaluateNamed(ctx: Extraction, value: ts.Expression, scope: Scope, nameNode: ts.Node): Value {
  const inner = skipOuterExpressions(value);
  const kind = inner.kind;
  // Only calls (model constructors) and functions take the name: other values skip reading it.
  if (kind !== SyntaxKind.CallExpression && kind !== SyntaxKind.ArrowFunction && kind !== SyntaxKind.FunctionExpression) return evaluate(ctx, value, scope);
  const named = isPropertyAccessExpression(nameNode) ? nameNode.name : nameNode;
  const name = isIdentifier(named) || isPrivateIdentifier(named) ? named.text : undefined;
  if (name === undefined) return evaluate(ctx, value, scope);
  if (kind === SyntaxKind.CallExpression) {
    const previous = ctx.nameHint;
    ctx.nameHint = { node: inner, name, nameNode: named };
    try {
      return evaluate(ctx, value, scope);
    } finally {
      ctx.nameHint = previous;
    }
  }
  const fn = inner as ts.ArrowFunction | ts.FunctionExpression;
  return makeFunction(ctx, fn, scope, fn.name?.text ?? name, ctx.spanOf(nameNode));
}
