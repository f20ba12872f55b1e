/** Assignments and destructuring: binding values to names, object members and module exports. */
import ts from 'typescript';
import { UNKNOWN_COUNT_NOTE } from './loops';
import type { Extraction } from './context';
import type { Span, TrainingCallIR } from '../ir';
import { evaluate, getMember, propertyNameText, throughGetter } from './evaluate';
import { invoke } from './functions';
import type { Scope } from './scope';
import { recordOptimizerWrapped } from './training';
import { noteOverwrite } from './userEvents';
import { isGlobalObject, writePageGlobal } from './pageGlobals';
import { ancestorsOf } from './ancestors';
import { writeCell } from './reactiveState';
import { UNKNOWN, functionProperties, hasTag, type ArrayValue, type OptimizerValue, type Value } from './values';
import { propertyKey } from './symbols';
import { expressionBound } from './scheduleBound';

// TypeScript exports its API through getters: read what the hot paths use once.
const { isArrayLiteralExpression, isElementAccessExpression, isIdentifier, isObjectBindingPattern, isObjectLiteralExpression, isOmittedExpression, isParenthesizedExpression, isPropertyAccessExpression, isPropertyAssignment, isShorthandPropertyAssignment, isSpreadElement } = ts;

/** `target = value` where target is a name, `obj.key`, `obj[key]` or a destructuring pattern. */
export function assignTo(ctx: Extraction, target: ts.Expression, value: Value, scope: Scope, assignment?: ts.Node): void {
  ctx.writes++;
  if (isParenthesizedExpression(target)) return assignTo(ctx, target.expression, value, scope, assignment);
  if (isIdentifier(target)) {
    if (ctx.undoLog !== undefined) {
      const old = scope.lookup(target.text);
      noteOverwrite(ctx, old, () => scope.assign(target.text, old));
    }
    ctx.branchWrites?.push({ scope, name: target.text, before: scope.lookup(target.text) });
    scope.assign(target.text, value);
    return;
  }
  if (isPropertyAccessExpression(target) || isElementAccessExpression(target)) {
    if (assignCommonJsExport(ctx, target, value, scope)) return;
    const evaluated = evaluate(ctx, target.expression, scope);
    const receiver = hasTag(evaluated, 'function') ? functionProperties(evaluated) : evaluated;
    const key = isPropertyAccessExpression(target) ? target.name.text : propertyKey(evaluate(ctx, target.argumentExpression, scope));
    if (key === undefined) {
      // `table[item] = next++` with an item not known: the object may now hold any key.
      if (hasTag(receiver, 'object')) receiver.open = true;
      // `counts[s.label]++`: any count of the list may be the one written.
      else if (hasTag(receiver, 'array')) forgetPlainItems(ctx, receiver);
      return;
    }
    if (isGlobalObject(receiver)) {
      writePageGlobal(ctx, String(key), value);
      return;
    }
    if (hasTag(receiver, 'optimizer') && key === 'applyGradients') {
      recordOptimizerWrapped(ctx, receiver, assignment ?? target);
      return;
    }
    if (hasTag(receiver, 'optimizer') && key === 'learningRate' && ctx.inMainFile) {
      recordRateAssignment(ctx, receiver, ctx.spanOf(assignment ?? target), value, assignment && ts.isBinaryExpression(assignment) && assignment.operatorToken.kind === ts.SyntaxKind.EqualsToken ? () => expressionBound(assignment.right, scope) : undefined);
      return;
    }
    if (hasTag(receiver, 'model') && key === 'trainable' && typeof value === 'boolean') {
      receiver.state.frozen = !value;
      return;
    }
    if (hasTag(receiver, 'cell') && key === 'value') {
      writeCell(ctx, receiver, value);
      return;
    }
    if (hasTag(receiver, 'object')) {
      const setter = receiver.props.get(String(key))?.setter;
      if (setter) {
        invoke(ctx, setter, [{ value }], assignment ?? target);
        return;
      }
      const span = ctx.spanOf(assignment ?? target);
      // `obj.key = value`: an edit of the value rewrites what follows `=`, not the assignment.
      const written = assignment && ts.isBinaryExpression(assignment) && assignment.operatorToken.kind === ts.SyntaxKind.EqualsToken ? assignment.right : undefined;
      const previous = ctx.undoLog !== undefined ? receiver.props.get(String(key)) : undefined;
      if (previous !== undefined) noteOverwrite(ctx, previous.value, () => receiver.props.set(String(key), previous));
      receiver.props.set(String(key), { value, span, valueSpan: written ? ctx.spanOf(written) : span });
      if (hasTag(value, 'optimizer') && !value.holders?.includes(receiver)) (value.holders ??= []).push(receiver);
    } else if (hasTag(receiver, 'class')) {
      receiver.statics.set(String(key), value);
    } else if (hasTag(receiver, 'array')) {
      const index = arrayIndex(key);
      if (index === undefined) return;
      const previous = receiver.items[index];
      noteOverwrite(ctx, previous, () => (receiver.items[index] = previous));
      receiver.items[index] = value;
    }
    return;
  }
  if (isArrayLiteralExpression(target)) {
    target.elements.forEach((element, index) => {
      if (isOmittedExpression(element)) return;
      if (isSpreadElement(element)) assignTo(ctx, element.expression, UNKNOWN, scope);
      else assignTo(ctx, element, getMember(value, index), scope);
    });
    return;
  }
  if (isObjectLiteralExpression(target)) {
    for (const property of target.properties) {
      if (isShorthandPropertyAssignment(property)) assignTo(ctx, property.name, getMember(value, property.name.text), scope);
      else if (isPropertyAssignment(property)) {
        const key = propertyNameText(ctx, property.name, scope);
        assignTo(ctx, property.initializer, key === undefined ? UNKNOWN : getMember(value, key), scope);
      }
    }
  }
}

/** The numbers, strings and booleans of a list written at an index not known: each may be the one written. */
function forgetPlainItems(ctx: Extraction, list: ArrayValue): void {
  list.items.forEach((item, index) => {
    if (item !== null && typeof item === 'object') return;
    noteOverwrite(ctx, item, () => (list.items[index] = item));
    list.items[index] = UNKNOWN;
  });
}

/** An element index `items[3] = ...` can write (keys are strings, as property keys are), within a sane length. */
function arrayIndex(key: string): number | undefined {
  const index = Number(key);
  return Number.isInteger(index) && index >= 0 && index < 4096 && String(index) === key ? index : undefined;
}

/** `optimizer.learningRate = value`, kept by where the optimizer was created (context.ts RateAssignments). */
function recordRateAssignment(ctx: Extraction, optimizer: OptimizerValue, span: Span, value: Value, writtenBound?: () => number | undefined): void {
  const optimizerStart = optimizer.ir.span.start;
  let assignments = ctx.rateAssignments.get(optimizerStart);
  if (!assignments) ctx.rateAssignments.set(optimizerStart, (assignments = { spans: [] }));
  // A loop or a callback run once per epoch assigns in the same place again.
  if (!assignments.spans.some((seen) => seen.start === span.start)) assignments.spans.push(span);
  // Only a rate assigned on a path that surely runs is a rate training steps with: in a branch whose condition is not known (`if (epoch === 30)` with the epochs not known), it may never be.
  // A loop over batches whose number is not known (`for (let b = 0; b < stepsPerEpoch; b++)`) does run when it trains.
  // A schedule's rate at a step not known: the most it can be (scheduleBound.ts), whether a function
  // computes it or it is written in place.
  const rate = hasTag(value, 'unknown') ? (value.bound?.() ?? writtenBound?.()) : value;
  const known = typeof rate === 'number' && Number.isFinite(rate) ? rate : undefined;
  // `opt.learningRate = env.lr` right after the optimizer is made, before any step: training starts
  // at that rate (unknown for a slider's), not the one it was made with.
  // Not in an iteration, a loop or a user-event handler (which may never run), unless that handler's
  // run made the optimizer (a click handler that builds, sets the rate, then fits).
  // Or in a fit's callback that runs before its first step (a schedule's onEpochBegin at epoch 0).
  // Or as the first thing a training loop's body does, before its first step (a Noam or warm-up
  // schedule `opt.learningRate = rate(step)` then `opt.minimize(...)`): every step of the loop takes
  // an assigned rate, so the created one is a placeholder.
  const untrained = !trainingStepTaken(ctx, optimizerStart, ctx.startingFit);
  const beforeSteps = sameConditions(ctx.conditions, optimizer.madeUnder) && untrained;
  const atStart = ctx.startingFit !== undefined || (ctx.iterating === 0 && ctx.undoLog === optimizer.madeInHandler && !inLoop(ctx, span));
  const opensLoop = untrained && ctx.undoLog === optimizer.madeInHandler && ctx.conditions.every((condition) => condition === UNKNOWN_COUNT_NOTE) && opensLoopBody(ctx, span);
  if (known === undefined) assignments.unboundedRate = true;
  if (known !== undefined && beforeSteps && ctx.startingFit !== undefined) assignments.createdUnused = 'callback';
  else if (known !== undefined && opensLoop) {
    assignments.createdUnused ??= 'loop';
    // Set as the call that made it starts (a fold's `makeOptimizer()` in the loop): each fold starts at that rate.
    if (beforeSteps && atStart) assignments.initial = known;
  } else if ((beforeSteps && atStart) || opensLoop) assignments.initial = known ?? 'unknown';
  if (!ctx.conditions.every((condition) => condition === UNKNOWN_COUNT_NOTE) || known === undefined || known <= (assignments.peak?.rate ?? 0)) return;
  assignments.peak = { rate: known, span };
}

/** Whether code runs under exactly the conditions the optimizer was made under (none, for one made unconditionally). */
function sameConditions(conditions: readonly string[], madeUnder: readonly string[] = []): boolean {
  return conditions.length === madeUnder.length && conditions.every((condition, i) => condition === madeUnder[i]);
}

/**
 * Whether the assignment at `span` (`opt.learningRate = rate(step)`) runs as the innermost loop's
 * body opens, and the body trains after it (a training call, or a call passed `opt`, after it in
 * the body or in a helper on the way): each step the loop takes follows an assignment. The
 * assignment is a statement of the loop's body itself, or of a helper's body whose call is one
 * (`const lr = applySchedule(opt, step)`, `const loss = model.trainStep(xs, ys, step)`), in no branch.
 */
function opensLoopBody(ctx: Extraction, span: Span): boolean {
  const sourceFile = ctx.module.sourceFile;
  const path = ancestorsOf(sourceFile, span) ?? [];
  const assignment = path[path.length - 1];
  if (!assignment || !ts.isBinaryExpression(assignment) || !isPropertyAccessExpression(assignment.left)) return false;
  const optimizer = assignment.left.expression.getText(sourceFile);
  // A helper the loop calls may itself train after the assignment (`applySchedule(opt, step)`, then `opt.applyGradients(grads)`).
  let trainedInHelper = false;
  let site: Span | undefined = span;
  for (let frame = ctx.callSpans.length - 1; site; frame--) {
    const sitePath: ts.Node[] = site === span ? path : (ancestorsOf(sourceFile, site) ?? []);
    let index = sitePath.length - 2;
    while (index >= 0 && !ts.isIterationStatement(sitePath[index], false) && !ts.isFunctionLike(sitePath[index])) index--;
    const around = sitePath[index];
    // Nothing between the loop or function and the site may decide whether it runs.
    if (!around || sitePath.slice(index + 1, -1).some(decidesWhetherRuns)) return false;
    const statementEnd = sitePath.find((node, at) => at > index && !ts.isBlock(node))?.end ?? site.end;
    const trainsAfter = (node: ts.Node): boolean =>
      (node.pos >= statementEnd && ts.isCallExpression(node) && (trainingCallee(node.expression) || node.arguments.some((argument) => argument.getText(sourceFile) === optimizer))) ||
      ts.forEachChild(node, trainsAfter) === true;
    if (ts.isIterationStatement(around, false)) return sitePath[index + 1] === around.statement && (trainedInHelper || trainsAfter(around.statement));
    const body = (around as ts.FunctionLikeDeclaration).body;
    trainedInHelper ||= body !== undefined && trainsAfter(body);
    site = ctx.callSpans[frame];
    if (site && 'importer' in site && site.importer) return false;
  }
  return false;
}

/** A node on the way to code that may skip it: a branch, a short-circuit, a `?.` call, a `try`. */
function decidesWhetherRuns(node: ts.Node): boolean {
  if (ts.isIfStatement(node) || ts.isConditionalExpression(node) || ts.isSwitchStatement(node) || ts.isTryStatement(node) || ts.isCaseClause(node)) return true;
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    return operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken;
  }
  return ts.isCallExpression(node) && node.questionDotToken !== undefined;
}

/** `x.minimize`, `x.applyGradients`, `model.fit`...: a call that takes training steps. */
function trainingCallee(callee: ts.Expression): boolean {
  return isPropertyAccessExpression(callee) && TRAINING_METHODS.has(callee.name.text);
}

const TRAINING_METHODS = new Set(['minimize', 'applyGradients', 'fit', 'fitDataset', 'trainOnBatch']);

/** Whether the code at `span` of the analysed file is inside a loop (a schedule assigned at each step). */
function inLoop(ctx: Extraction, span: Span): boolean {
  return ancestorsOf(ctx.module.sourceFile, span)?.some((node) => ts.isIterationStatement(node, false)) ?? true;
}

/**
 * Whether the code has already taken a training step with the optimizer made at `optimizerStart`:
 * the running function fitted or stepped anything, or a model it trains has been trained (compiling
 * alone takes no step; another model trained before with an optimizer of its own does not count).
 */
function trainingStepTaken(ctx: Extraction, optimizerStart: number, startingFit: Span | undefined): boolean {
  const step = (call: TrainingCallIR) => call.kind !== 'compile' && call.span.start !== startingFit?.start;
  return ctx.frame.calls.some(step) || ctx.models.some((model) => model.training.optimizer?.span.start === optimizerStart && model.training.calls.some(step));
}

/** `module.exports = ...`, `exports.x = ...`, `module.exports.x = ...`. */
function assignCommonJsExport(ctx: Extraction, target: ts.PropertyAccessExpression | ts.ElementAccessExpression, value: Value, scope: Scope): boolean {
  if (!isPropertyAccessExpression(target)) return false;
  const receiver = target.expression;
  const isModule = (node: ts.Expression) => isIdentifier(node) && node.text === 'module' && !scope.find('module');
  const isExports = (node: ts.Expression) =>
    (isIdentifier(node) && node.text === 'exports' && !scope.find('exports')) ||
    (isPropertyAccessExpression(node) && node.name.text === 'exports' && isModule(node.expression));
  if (isModule(receiver) && target.name.text === 'exports') {
    ctx.module.commonJsExports = value;
    return true;
  }
  if (isExports(receiver)) {
    ctx.module.exports.set(target.name.text, value);
    return true;
  }
  return false;
}

/** Declares the names of a binding (`x`, `{a, b: c = 1}`, `[x, ...rest]`) with parts of `value`. */
export function bindPattern(ctx: Extraction, name: ts.BindingName, value: Value, scope: Scope): void {
  if (isIdentifier(name)) {
    scope.declare(name.text, value);
    return;
  }
  if (isObjectBindingPattern(name)) {
    // The keys named so far, for a rest element (`{ name, ...options }`); undefined once one is not known.
    let named: Set<string> | undefined = new Set();
    for (const element of name.elements) {
      if (element.dotDotDotToken) {
        const rest = named && hasTag(value, 'object') ? { ...value, span: undefined, props: value.props.filter((key) => !named!.has(key)) } : UNKNOWN;
        bindPattern(ctx, element.name, rest, scope);
        continue;
      }
      const keyNode = element.propertyName ?? (isIdentifier(element.name) ? element.name : undefined);
      const key = keyNode ? propertyNameText(ctx, keyNode, scope) : undefined;
      if (key === undefined) named = undefined;
      else named?.add(key);
      // A getter (an instance's or a class's static one) runs where its property is read.
      let part: Value = key === undefined ? UNKNOWN : throughGetter(ctx, getMember(value, key), element);
      // From an object nothing is known of (`const { lr = 0.1 } = req.body`), the default the code
      // writes is the value, as an uncalled function's parameter default is.
      if ((part === undefined || hasTag(value, 'unknown')) && element.initializer) part = evaluate(ctx, element.initializer, scope);
      bindPattern(ctx, element.name, part, scope);
    }
    return;
  }
  name.elements.forEach((element, index) => {
    if (isOmittedExpression(element)) return;
    let part: Value;
    if (element.dotDotDotToken) part = hasTag(value, 'array') ? { tag: 'array', items: value.items.slice(index) } : UNKNOWN;
    else part = getMember(value, index);
    if (part === undefined && element.initializer) part = evaluate(ctx, element.initializer, scope);
    bindPattern(ctx, element.name, part, scope);
  });
}
