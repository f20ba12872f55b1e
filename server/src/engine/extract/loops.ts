/**
 * Loops run for real when their bounds are constant (`for (let i = 0; i < DEPTH; i++)` adds DEPTH
 * layers). A loop whose bound is unknown runs its body once, and says so on the layers it adds;
 * so does a loop that builds nothing, after its first iterations, or once its condition turns
 * unknown (`while (!done)`), for the iterations not run one by one.
 */
import ts from 'typescript';
import { MAX_LOOP_ITERATIONS, type Extraction } from './context';
import { assignTo, bindPattern } from './assign';
import { evaluate } from './evaluate';
import { truthiness } from './operators';
import { Scope } from './scope';
import { mapEntries } from './mapCollection';
import { NORMAL, declareVariables, executeStatement, executeUndecided, type Completion } from './statements';
import { callsOnlyTfjs, invariantAddsOf, repeatAdditions } from './invariantLoops';
import { UNKNOWN, hasTag, type ModelState, type SequentialEntry, type Value } from './values';
import { isSymbolKey } from './symbols';

// TypeScript exports its API through getters: read what the hot paths use once.
const { isDoStatement, isForInStatement, isForOfStatement, isForStatement, isIdentifier, isVariableDeclarationList, isWhileStatement } = ts;

/** After this many iterations, a loop whose iterations create nothing (no layers) stops early. */
const IDLE_ITERATIONS_BEFORE_STOP = 8;

/**
 * A `for...of` over at most this many known items walks them all, creating something or not: the
 * lines of a settings text parsed into a table, or the tokens of an architecture string, are each
 * read once, and stopping after eight of them would leave the rest unknown.
 */
const SHORT_LIST = 64;

export function executeLoop(ctx: Extraction, statement: ts.IterationStatement, scope: Scope): Completion {
  const loopScope = new Scope(scope);
  if (isForStatement(statement)) {
    const initializer = statement.initializer;
    if (initializer) {
      if (isVariableDeclarationList(initializer)) declareVariables(ctx, initializer, loopScope);
      else evaluate(ctx, initializer, loopScope);
    }
    const condition = statement.condition;
    const incrementor = statement.incrementor;
    const adds = invariantAddsOf(statement);
    return iterate(ctx, statement, loopScope, {
      invariant: adds && callsOnlyTfjs(adds, loopScope),
      condition: () => (condition ? truthiness(evaluate(ctx, condition, loopScope)) : true),
      next: () => {
        if (incrementor) evaluate(ctx, incrementor, loopScope);
      },
      // The pass that stands for the iterations an idle stop skips has no known counter (`epoch === 25` may hold in one of them).
      forget: (iterationScope) => {
        if (!initializer || !isVariableDeclarationList(initializer)) return;
        for (const declaration of initializer.declarations) if (isIdentifier(declaration.name)) iterationScope.declare(declaration.name.text, UNKNOWN);
      },
    });
  }
  if (isWhileStatement(statement) || isDoStatement(statement)) {
    let first = isDoStatement(statement);
    return iterate(ctx, statement, loopScope, {
      condition: () => {
        if (first) {
          first = false;
          return true;
        }
        return truthiness(evaluate(ctx, statement.expression, loopScope));
      },
      next: () => undefined,
    });
  }
  if (isForOfStatement(statement) || isForInStatement(statement)) {
    const evaluated = evaluate(ctx, statement.expression, scope);
    // `for (const [name, spec] of SPECS)` over a Map walks its entries.
    const iterable = isForOfStatement(statement) ? (mapEntries(ctx, statement, evaluated) ?? evaluated) : evaluated;
    const items = isForOfStatement(statement) ? itemsOf(iterable) : keysOf(iterable);
    if (!items) return runOnce(ctx, statement, loopScope, UNKNOWN);
    let index = 0;
    return iterate(ctx, statement, loopScope, {
      walksEveryItem: items.length <= SHORT_LIST,
      condition: () => index < items.length,
      next: () => undefined,
      bind: (iterationScope) => {
        const item = items[index++];
        if (hasTag(item, 'object') && item.span) ctx.loopItems.add(item.span.start);
        bindLoopVariable(ctx, statement.initializer, item, iterationScope);
      },
    });
  }
  return NORMAL;
}

/**
 * A pass that stands for many iterations has no known counter: a place the body counts with
 * (`step++`, `this.step += 1`, `state.step++`), or one the loop's condition reads and the body (or
 * incrementor) writes (`while (this.step < this.cfg.totalSteps)`), is unknown there, so a warm-up
 * schedule's rate at that step may be its peak.
 */
function forgetCounters(ctx: Extraction, statement: ts.IterationStatement, iterationScope: Scope): void {
  for (const counter of countersOf(ctx, statement)) {
    // A name declared in the body (or an inner loop) is not bound yet: assigning it would declare it globally.
    const root = rootNameOf(counter);
    if (root && !iterationScope.find(root.text)) continue;
    assignTo(ctx, counter, UNKNOWN, iterationScope);
  }
}

/** A place a counter can live: a name, `this`, or a property chain on one (`state.step`, `this.progress.step`). */
function isCounterPlace(node: ts.Expression): boolean {
  if (isIdentifier(node) || node.kind === ts.SyntaxKind.ThisKeyword) return true;
  return ts.isPropertyAccessExpression(node) && isCounterPlace(node.expression);
}

/** The name a counter place starts from (`state` of `state.step`); undefined for `this.` chains. */
function rootNameOf(place: ts.Expression): ts.Identifier | undefined {
  if (isIdentifier(place)) return place;
  return ts.isPropertyAccessExpression(place) ? rootNameOf(place.expression) : undefined;
}

const countersByLoop = new WeakMap<ts.IterationStatement, readonly ts.Expression[]>();

function countersOf(ctx: Extraction, statement: ts.IterationStatement): readonly ts.Expression[] {
  let counters = countersByLoop.get(statement);
  if (counters) return counters;
  const written = new Map<string, ts.Expression>();
  const counted = new Map<string, ts.Expression>();
  const collectWrites = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    const write = writeOf(node);
    if (write) {
      const text = ctx.textOf(write.target);
      written.set(text, write.target);
      if (write.counts) counted.set(text, write.target);
    }
    ts.forEachChild(node, collectWrites);
  };
  collectWrites(statement.statement);
  if (isForStatement(statement) && statement.incrementor) collectWrites(statement.incrementor);
  const condition = isForStatement(statement) ? statement.condition : isWhileStatement(statement) || isDoStatement(statement) ? statement.expression : undefined;
  const collectReads = (node: ts.Node): void => {
    if (ts.isExpression(node) && isCounterPlace(node) && written.has(ctx.textOf(node))) {
      const text = ctx.textOf(node);
      counted.set(text, written.get(text)!);
      return;
    }
    ts.forEachChild(node, collectReads);
  };
  if (condition) collectReads(condition);
  counters = [...counted.values()];
  countersByLoop.set(statement, counters);
  return counters;
}

/** What `x = ...`, `x += ...` or `x++` writes, a counter place (another object's field only when stepped); `counts`: by a step (`++`, `--`, `+=`, `-=`). */
function writeOf(node: ts.Node): { target: ts.Expression; counts: boolean } | undefined {
  let write: { target: ts.Expression; counts: boolean } | undefined;
  if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
    const operator = node.operatorToken.kind;
    write = { target: node.left, counts: operator === ts.SyntaxKind.PlusEqualsToken || operator === ts.SyntaxKind.MinusEqualsToken };
  } else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) {
    write = { target: node.operand, counts: true };
  }
  if (!write || write.target.kind === ts.SyntaxKind.ThisKeyword || !isCounterPlace(write.target)) return undefined;
  // A field of another object that is set, not stepped, is often a state machine's state
  // (`ctx.state = next`), which the passes follow exactly: only stepping marks it a counter.
  const target = write.target;
  const nameOrOwnField = isIdentifier(target) || (ts.isPropertyAccessExpression(target) && target.expression.kind === ts.SyntaxKind.ThisKeyword);
  return nameOrOwnField || write.counts ? write : undefined;
}

/**
 * What `for (x of iterable)` walks, when known: an array's items, a string's characters. An array
 * of unknown length with no known item (the keys of a map filled under keys not known) is not
 * known to be empty: it is walked as an unknown iterable is.
 */
function itemsOf(iterable: Value): Value[] | undefined {
  if (hasTag(iterable, 'array')) return iterable.lengthKnown === false && iterable.items.length === 0 ? undefined : iterable.items;
  return typeof iterable === 'string' ? [...iterable] : undefined;
}

/** What `for (k in object)` walks, when known: the keys of an object that is not open, an array's indices. */
function keysOf(object: Value): Value[] | undefined {
  if (hasTag(object, 'array')) return object.lengthKnown === false ? undefined : object.items.map((_, index) => String(index));
  if (!hasTag(object, 'object') || object.open) return undefined;
  const keys: Value[] = [];
  object.props.forEach((_, key) => {
    if (!isSymbolKey(key)) keys.push(key);
  });
  return keys;
}

interface LoopDriver {
  /** Every iteration adds the same layers (invariantLoops.ts): run the body once, then repeat its additions. */
  invariant?: boolean;
  /** A short list of known items: no idle stop (SHORT_LIST). */
  walksEveryItem?: boolean;
  condition: () => boolean | undefined;
  next: () => void;
  bind?: (iterationScope: Scope) => void;
  /** For the one pass after an idle stop, instead of `bind`: the loop's counters are not known there. */
  forget?: (iterationScope: Scope) => void;
}

function iterate(ctx: Extraction, statement: ts.IterationStatement, loopScope: Scope, driver: LoopDriver): Completion {
  let iterations = 0;
  let idle = 0;
  let additions: [ModelState, SequentialEntry][] | undefined;
  for (;;) {
    const condition = driver.condition();
    if (condition === false) return NORMAL;
    if (condition === undefined) return runOnce(ctx, statement, loopScope, undefined, iterations === 0 ? driver.bind : (driver.forget ?? driver.bind));
    // Training loops (epochs) create nothing: once one has shown that, its other iterations add
    // nothing but state, such as a replay buffer that grows past a warm-up guard; one pass of
    // unknown count stands for them. Asked once the condition says there are more: a loop of
    // exactly that many idle iterations (pushing eight sizes) has run them all.
    if (idle >= IDLE_ITERATIONS_BEFORE_STOP && !driver.walksEveryItem) return runOnce(ctx, statement, loopScope, undefined, driver.forget ?? driver.bind);
    if (iterations >= MAX_LOOP_ITERATIONS) {
      ctx.notes.push(`a loop stopped after ${MAX_LOOP_ITERATIONS} iterations; later iterations were not analysed`);
      return NORMAL;
    }
    if (additions) {
      repeatAdditions(ctx, additions);
      iterations++;
      driver.next();
      continue;
    }
    const effectsBefore = ctx.effects;
    const iterationScope = new Scope(loopScope);
    driver.bind?.(iterationScope);
    const log: [ModelState, SequentialEntry][] | undefined = driver.invariant && iterations === 0 ? [] : undefined;
    const outerLog = ctx.sequentialLog;
    if (log) ctx.sequentialLog = log;
    let completion: Completion;
    try {
      completion = executeStatement(ctx, statement.statement, iterationScope);
    } finally {
      if (log) ctx.sequentialLog = outerLog;
    }
    if (log) {
      outerLog?.push(...log);
      if (completion.kind === 'normal') additions = log;
    }
    iterations++;
    if (completion.kind === 'return') return completion;
    if (completion.kind === 'break') return completion.label ? completion : NORMAL;
    if (completion.kind === 'continue' && completion.label) return completion;
    idle = ctx.effects === effectsBefore ? idle + 1 : 0;
    driver.next();
  }
}

/** The condition a loop of unknown bound runs its one pass under (context.ts `conditions`). */
export const UNKNOWN_COUNT_NOTE = 'added in a loop whose number of iterations is not a constant: counted once';

/** A loop whose bound or collection is unknown: its body is analysed once, and the layers it adds say so. */
function runOnce(ctx: Extraction, statement: ts.IterationStatement, loopScope: Scope, item: Value, bind?: (scope: Scope) => void): Completion {
  const note = UNKNOWN_COUNT_NOTE;
  ctx.representative++;
  ctx.iterating++;
  ctx.passBoundaries.push(loopScope);
  try {
    executeUndecided(ctx, note, () => {
      const iterationScope = new Scope(loopScope);
      if (bind) bind(iterationScope);
      else if (isForOfStatement(statement) || isForInStatement(statement)) bindLoopVariable(ctx, statement.initializer, item, iterationScope);
      forgetCounters(ctx, statement, iterationScope);
      const completion = executeStatement(ctx, statement.statement, iterationScope);
      return completion.kind === 'return' ? completion : NORMAL;
    });
  } finally {
    ctx.representative--;
    ctx.iterating--;
    ctx.passBoundaries.pop();
  }
  return NORMAL;
}

function bindLoopVariable(ctx: Extraction, initializer: ts.ForInitializer, value: Value, scope: Scope): void {
  if (isVariableDeclarationList(initializer)) {
    const declaration = initializer.declarations[0];
    if (declaration) bindPattern(ctx, declaration.name, value, scope);
  } else {
    assignTo(ctx, initializer, value, scope);
  }
}
