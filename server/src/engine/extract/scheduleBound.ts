/**
 * The largest value a learning-rate schedule written as a function can return, when the step it
 * is called with is not known (a per-batch callback's counter): interval arithmetic over the
 * function's body. `Math.cos` of anything lies in [-1, 1], a branch `if (step < WARMUP)` holds the
 * step below WARMUP, and unknown inputs of the schedule (steps, step counts) are at least 0. A
 * cosine anneal from PEAK, a warm-up to PEAK and SGDR's restarts are all bounded by PEAK, which they
 * reach. Anything beyond plain arithmetic, `Math`, local variables, loops over them and calls of
 * such functions (a call of code not known, a `new`, a write outside the function) gives no bound;
 * so does a schedule that grows without one (`base * (1 + step / 1000)`).
 */
import ts from 'typescript';
import { getBuiltinMember } from './builtins';
import { getMember, lookupIdentifier } from './evaluate';
import { compoundOperator } from './operators';
import type { Scope } from './scope';
import { hasTag, type FunctionValue, type Value } from './values';

const { SyntaxKind, isIdentifier } = ts;

interface Interval {
  lo: number;
  hi: number;
}

/** A known value the arithmetic reads members of (a schedule's settings object), or a function it calls. */
type Abstract = Interval | { known: Value } | { local: ts.FunctionLikeDeclaration; env: Env };

class Env {
  private names = new Map<string, Abstract>();
  /** `a<b` for two of the function's names a condition holds below one another (`step < warmSteps`). */
  readonly below = new Set<string>();

  constructor(
    readonly parent: Env | undefined,
    /** The interpreter's scope the function was made in: names the function does not declare. */
    readonly closure: Scope,
  ) {}

  lookup(name: string): Abstract {
    for (let env: Env | undefined = this; env; env = env.parent) {
      const found = env.names.get(name);
      if (found) return found;
    }
    return abstractOf(lookupIdentifier(name, this.closure), ALL);
  }

  /** Whether the name is one the function declares (a parameter or a local): only those are written or narrowed. */
  owns(name: string): boolean {
    for (let env: Env | undefined = this; env; env = env.parent) if (env.names.has(name)) return true;
    return false;
  }

  set(name: string, value: Abstract): void {
    for (let env: Env | undefined = this; env; env = env.parent) {
      if (env.names.has(name)) {
        env.names.set(name, value);
        return;
      }
    }
    this.names.set(name, value);
  }

  declare(name: string, value: Abstract): void {
    this.names.set(name, value);
  }

  copy(): Env {
    const copy = new Env(this.parent?.copy(), this.closure);
    this.names.forEach((value, name) => copy.names.set(name, value));
    this.below.forEach((fact) => copy.below.add(fact));
    return copy;
  }

  holdsBelow(small: string, large: string): boolean {
    for (let env: Env | undefined = this; env; env = env.parent) if (env.below.has(`${small}<${large}`)) return true;
    return false;
  }

  /** Each name of this env and its parents holds what it holds here or in `other` (a copy made by `copy`). */
  joinWith(other: Env): void {
    for (let env: Env | undefined = this, that: Env | undefined = other; env && that; env = env.parent, that = that.parent) {
      const mine = env.names;
      const theirs = that.names;
      mine.forEach((value, name) => mine.set(name, joinAbstract(value, theirs.get(name))));
    }
  }

  /** Takes the values of `other` (a copy made by `copy`) for this env and its parents. */
  adopt(other: Env): void {
    for (let env: Env | undefined = this, that: Env | undefined = other; env && that; env = env.parent, that = that.parent) env.names = that.names;
  }
}

const ALL: Interval = { lo: -Infinity, hi: Infinity };
const NON_NEGATIVE: Interval = { lo: 0, hi: Infinity };
const MAX_DEPTH = 4;
/** Statements walked per bound: a schedule is a few lines, not a program. */
const MAX_STEPS = 2_000;

/** Thrown to give up: the function does something the arithmetic does not follow. */
class NoBound extends Error {}

/**
 * Steps and step counts tried for a schedule's unknown inputs. An interval bound can be loose (the
 * two sides of Noam's `min(step^-0.5, step * warmup^-1.5)` are bounded apart, 0.088, while the
 * rate never passes 0.0014): the rate reported is the most the schedule returns at these steps.
 */
const SAMPLED_STEPS = [0, 1, 2, 3, 5, 10, 20, 50, 100, 200, 300, 500, 1_000, 2_000, 3_000, 5_000, 10_000, 20_000, 50_000, 100_000, 1_000_000];
/** Schedules of more unknown inputs than this (a step and a step count) are not sampled. */
const MAX_SAMPLED_INPUTS = 2;

/** The most a computation returns with the given inputs (intervals), undefined where unbounded. */
type BoundedRun = (inputs: readonly Abstract[]) => number | undefined;

/**
 * The most `fn(...args)` returns where it is bounded by arithmetic alone, at the sampled values of
 * its unknown inputs; undefined when it is not bounded.
 */
export function scheduleBound(fn: FunctionValue, args: readonly Value[]): number | undefined {
  const given = args.map((arg) => abstractOf(arg, NON_NEGATIVE));
  const unknown = args.flatMap((arg, index) => (hasTag(arg, 'unknown') ? [index] : []));
  return sampledBound((inputs) => highest(() => callAbstract(fn.node, new Env(undefined, fn.closure), inputs, 0, { steps: MAX_STEPS })), given, unknown);
}

/**
 * The same for a rate written in place (`opt.learningRate = BASE * Math.min(1, step / WARMUP)`):
 * the names it reads whose values are not known (a step counter) are its unknown inputs.
 */
export function expressionBound(node: ts.Expression, scope: Scope): number | undefined {
  const names = unknownNames(node, scope);
  if (names === undefined || names.length === 0) return undefined;
  const run: BoundedRun = (inputs) =>
    highest(() => {
      const env = new Env(undefined, scope);
      names.forEach((name, index) => env.declare(name, inputs[index]));
      return interval(expression(node, env, 0, { steps: MAX_STEPS }));
    });
  return sampledBound(run, names.map(() => NON_NEGATIVE), names.map((_, index) => index));
}

/** The names an expression reads whose values are not known; undefined when it holds a function (its own scope). */
function unknownNames(node: ts.Expression, scope: Scope): string[] | undefined {
  const names = new Set<string>();
  let nested = false;
  const visit = (child: ts.Node): void => {
    if (ts.isFunctionLike(child)) nested = true;
    else if (ts.isPropertyAccessExpression(child)) visit(child.expression);
    else if (isIdentifier(child)) {
      if (hasTag(lookupIdentifier(child.text, scope), 'unknown')) names.add(child.text);
    } else ts.forEachChild(child, visit);
  };
  visit(node);
  return nested ? undefined : [...names];
}

/**
 * The bound of `run` over its inputs (split into pieces for one unknown input when one interval is
 * unbounded), and the most it returns at the sampled values of its unknown inputs within it.
 */
function sampledBound(run: BoundedRun, given: readonly Abstract[], unknown: readonly number[]): number | undefined {
  const bound = run(given) ?? (unknown.length === 1 ? piecewiseBound(run, given, unknown[0]) : undefined);
  if (bound === undefined || unknown.length === 0 || unknown.length > MAX_SAMPLED_INPUTS) return unknown.length === 0 ? bound : undefined;
  let most = -Infinity;
  const sample = (values: Abstract[], next: number): void => {
    if (next === unknown.length) {
      most = Math.max(most, run(values) ?? -Infinity);
      return;
    }
    for (const step of SAMPLED_STEPS) {
      const copy = [...values];
      copy[unknown[next]] = point(step);
      sample(copy, next + 1);
    }
  };
  sample([...given], 0);
  return Number.isFinite(most) ? Math.min(most, bound) : undefined;
}

/**
 * The most `run` returns with its one unknown input split into pieces at the sampled steps (the last
 * piece open-ended): one interval over all steps is unbounded where terms of opposite trends meet
 * (Noam's `min(step^-0.5, step * warmup^-1.5)`: each term alone grows without bound at one end),
 * while every piece is bounded.
 */
function piecewiseBound(run: BoundedRun, given: readonly Abstract[], input: number): number | undefined {
  let most = -Infinity;
  for (let i = 0; i < SAMPLED_STEPS.length; i++) {
    const pieces = [...given];
    pieces[input] = { lo: SAMPLED_STEPS[i], hi: SAMPLED_STEPS[i + 1] ?? Infinity };
    const bound = run(pieces);
    if (bound === undefined) return undefined;
    most = Math.max(most, bound);
  }
  return most;
}

/** The upper end of the interval `evaluate` finds, when finite; undefined where the arithmetic gives up. */
function highest(evaluate: () => Interval): number | undefined {
  try {
    const result = evaluate();
    return Number.isFinite(result.hi) ? result.hi : undefined;
  } catch (error) {
    if (error instanceof NoBound) return undefined;
    throw error;
  }
}

/** A value as the arithmetic sees it: numbers as points, unknowns as `unknown` (an interval). */
function abstractOf(value: Value, unknown: Interval): Abstract {
  if (typeof value === 'number') return Number.isNaN(value) ? ALL : point(value);
  if (hasTag(value, 'unknown')) return unknown;
  return { known: value };
}

function isInterval(value: Abstract): value is Interval {
  return 'lo' in value;
}

function interval(value: Abstract): Interval {
  if (isInterval(value)) return value;
  throw new NoBound();
}

function join(a: Interval | undefined, b: Interval): Interval {
  return a ? { lo: Math.min(a.lo, b.lo), hi: Math.max(a.hi, b.hi) } : b;
}

function joinAbstract(a: Abstract, b: Abstract | undefined): Abstract {
  if (b === undefined || a === b) return a;
  return isInterval(a) && isInterval(b) ? join(a, b) : ALL;
}

interface Budget {
  steps: number;
}

function callAbstract(node: ts.FunctionLikeDeclaration, outer: Env, args: readonly Abstract[], depth: number, budget: Budget): Interval {
  if (depth > MAX_DEPTH || !node.body || node.asteriskToken || hasAsyncModifier(node)) throw new NoBound();
  const env = new Env(outer, outer.closure);
  node.parameters.forEach((parameter, index) => {
    const given = args[index] ?? (parameter.initializer ? expression(parameter.initializer, env, depth, budget) : undefined);
    if (given === undefined || parameter.dotDotDotToken) throw new NoBound();
    bind(parameter.name, given, env);
  });
  if (!ts.isBlock(node.body)) return interval(expression(node.body, env, depth, budget));
  const outcome = statements(node.body.statements, env, depth, budget);
  if (!outcome.returned || outcome.fallsThrough) throw new NoBound();
  return outcome.returned;
}

function hasAsyncModifier(node: ts.FunctionLikeDeclaration): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((modifier) => modifier.kind === SyntaxKind.AsyncKeyword) ?? false);
}

/** `step` or `{ maxLr, minLr }` of a known settings object. */
function bind(name: ts.BindingName, value: Abstract, env: Env): void {
  if (isIdentifier(name)) {
    env.declare(name.text, value);
    return;
  }
  if (!ts.isObjectBindingPattern(name) || !('known' in value)) throw new NoBound();
  for (const element of name.elements) {
    const key = element.propertyName ?? element.name;
    if (element.dotDotDotToken || !isIdentifier(key) || !isIdentifier(element.name)) throw new NoBound();
    env.declare(element.name.text, abstractOf(getMember(value.known, key.text), ALL));
  }
}

interface Outcome {
  returned: Interval | undefined;
  fallsThrough: boolean;
}

function statements(list: readonly ts.Statement[], env: Env, depth: number, budget: Budget): Outcome {
  let returned: Interval | undefined;
  for (const statement of list) {
    const outcome = statementOutcome(statement, env, depth, budget);
    if (outcome.returned) returned = join(returned, outcome.returned);
    if (!outcome.fallsThrough) return { returned, fallsThrough: false };
  }
  return { returned, fallsThrough: true };
}

function statementOutcome(statement: ts.Statement, env: Env, depth: number, budget: Budget): Outcome {
  if (--budget.steps < 0) throw new NoBound();
  const through: Outcome = { returned: undefined, fallsThrough: true };
  switch (statement.kind) {
    case SyntaxKind.ReturnStatement: {
      const value = (statement as ts.ReturnStatement).expression;
      if (!value) throw new NoBound();
      return { returned: interval(expression(value, env, depth, budget)), fallsThrough: false };
    }
    case SyntaxKind.VariableStatement:
      for (const declaration of (statement as ts.VariableStatement).declarationList.declarations) {
        if (!declaration.initializer) throw new NoBound();
        bind(declaration.name, expression(declaration.initializer, env, depth, budget), env);
      }
      return through;
    case SyntaxKind.FunctionDeclaration: {
      const declared = statement as ts.FunctionDeclaration;
      if (declared.name) env.declare(declared.name.text, { local: declared, env });
      return through;
    }
    case SyntaxKind.Block:
      return statements((statement as ts.Block).statements, env, depth, budget);
    case SyntaxKind.ExpressionStatement:
      assignment((statement as ts.ExpressionStatement).expression, env, depth, budget);
      return through;
    case SyntaxKind.IfStatement:
      return ifOutcome(statement as ts.IfStatement, env, depth, budget);
    case SyntaxKind.WhileStatement:
    case SyntaxKind.DoStatement:
    case SyntaxKind.ForStatement:
      return loopOutcome(statement as ts.IterationStatement, env, depth, budget);
    case SyntaxKind.EmptyStatement:
      return through;
    default:
      throw new NoBound();
  }
}

function ifOutcome(statement: ts.IfStatement, env: Env, depth: number, budget: Budget): Outcome {
  const whenTrue = env.copy();
  const whenFalse = env.copy();
  narrow(statement.expression, whenTrue, whenFalse, depth, budget);
  const taken = statementOutcome(statement.thenStatement, whenTrue, depth, budget);
  const other = statement.elseStatement ? statementOutcome(statement.elseStatement, whenFalse, depth, budget) : { returned: undefined, fallsThrough: true };
  // The code after the `if` runs with what the branches that fall through leave.
  if (taken.fallsThrough && other.fallsThrough) whenTrue.joinWith(whenFalse);
  env.adopt(taken.fallsThrough ? whenTrue : whenFalse);
  const returned = taken.returned && other.returned ? join(taken.returned, other.returned) : (taken.returned ?? other.returned);
  return { returned, fallsThrough: taken.fallsThrough || other.fallsThrough };
}

/** A loop over the function's own variables: whatever it writes may hold any value after it; a return inside counts with those values. */
function loopOutcome(statement: ts.IterationStatement, env: Env, depth: number, budget: Budget): Outcome {
  if (ts.isForStatement(statement) && statement.initializer) {
    if (!ts.isVariableDeclarationList(statement.initializer)) throw new NoBound();
    for (const declaration of statement.initializer.declarations) if (isIdentifier(declaration.name)) env.declare(declaration.name.text, ALL);
  }
  forgetWritten(statement, env);
  const body = statementOutcome(statement.statement, env, depth, budget);
  forgetWritten(statement, env);
  return { returned: body.returned, fallsThrough: true };
}

function forgetWritten(node: ts.Node, env: Env): void {
  const visit = (child: ts.Node): void => {
    const target = writtenName(child);
    if (target !== undefined) {
      if (!env.owns(target)) throw new NoBound();
      env.set(target, ALL);
    }
    ts.forEachChild(child, visit);
  };
  visit(node);
}

/** The name an assignment, `++` or `--` writes, when it writes a plain name. */
function writtenName(node: ts.Node): string | undefined {
  if (ts.isBinaryExpression(node) && node.operatorToken.kind >= SyntaxKind.FirstAssignment && node.operatorToken.kind <= SyntaxKind.LastAssignment) {
    if (!isIdentifier(node.left)) throw new NoBound();
    return node.left.text;
  }
  if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === SyntaxKind.PlusPlusToken || node.operator === SyntaxKind.MinusMinusToken)) {
    if (!isIdentifier(node.operand)) throw new NoBound();
    return node.operand.text;
  }
  return undefined;
}

/** `t -= cycle`, `step++` on the function's own variables; anything else gives up. */
function assignment(node: ts.Expression, env: Env, depth: number, budget: Budget): void {
  const name = writtenName(node);
  if (name === undefined || !env.owns(name)) throw new NoBound();
  if (ts.isBinaryExpression(node)) {
    const right = interval(expression(node.right, env, depth, budget));
    const op = node.operatorToken.kind;
    env.set(name, op === SyntaxKind.EqualsToken ? right : arithmetic(compoundOperator(op), interval(env.lookup(name)), right));
    return;
  }
  env.set(name, arithmetic((node as ts.PrefixUnaryExpression).operator === SyntaxKind.PlusPlusToken ? SyntaxKind.PlusToken : SyntaxKind.MinusToken, interval(env.lookup(name)), point(1)));
}

function expression(node: ts.Expression, env: Env, depth: number, budget: Budget): Abstract {
  if (--budget.steps < 0) throw new NoBound();
  switch (node.kind) {
    case SyntaxKind.NumericLiteral:
      return point(Number((node as ts.NumericLiteral).text));
    case SyntaxKind.Identifier:
      return env.lookup((node as ts.Identifier).text);
    case SyntaxKind.ParenthesizedExpression:
    case SyntaxKind.AsExpression:
    case SyntaxKind.NonNullExpression:
    case SyntaxKind.SatisfiesExpression:
      return expression((node as ts.ParenthesizedExpression).expression, env, depth, budget);
    case SyntaxKind.PropertyAccessExpression: {
      const access = node as ts.PropertyAccessExpression;
      if (isIdentifier(access.expression) && access.expression.text === 'Math' && !env.owns('Math')) return abstractOf(getBuiltinMember('Math', access.name.text), ALL);
      const target = expression(access.expression, env, depth, budget);
      if (!('known' in target)) throw new NoBound();
      return abstractOf(getMember(target.known, access.name.text), ALL);
    }
    case SyntaxKind.PrefixUnaryExpression: {
      const prefix = node as ts.PrefixUnaryExpression;
      const operand = interval(expression(prefix.operand, env, depth, budget));
      if (prefix.operator === SyntaxKind.MinusToken) return { lo: -operand.hi, hi: -operand.lo };
      if (prefix.operator === SyntaxKind.PlusToken) return operand;
      throw new NoBound();
    }
    case SyntaxKind.BinaryExpression: {
      const binary = node as ts.BinaryExpression;
      const left = interval(expression(binary.left, env, depth, budget));
      const right = interval(expression(binary.right, env, depth, budget));
      // `step / warmSteps` where a condition holds `step < warmSteps`, both at least 0: a fraction.
      if (binary.operatorToken.kind === SyntaxKind.SlashToken && isIdentifier(binary.left) && isIdentifier(binary.right) && left.lo >= 0 && right.lo >= 0 && env.holdsBelow(binary.left.text, binary.right.text)) return { lo: 0, hi: 1 };
      return arithmetic(binary.operatorToken.kind, left, right);
    }
    case SyntaxKind.ConditionalExpression: {
      const conditional = node as ts.ConditionalExpression;
      const whenTrue = env.copy();
      const whenFalse = env.copy();
      narrow(conditional.condition, whenTrue, whenFalse, depth, budget);
      return join(interval(expression(conditional.whenTrue, whenTrue, depth, budget)), interval(expression(conditional.whenFalse, whenFalse, depth, budget)));
    }
    case SyntaxKind.ArrowFunction:
    case SyntaxKind.FunctionExpression:
      return { local: node as ts.FunctionLikeDeclaration, env };
    case SyntaxKind.CallExpression:
      return call(node as ts.CallExpression, env, depth, budget);
    default:
      throw new NoBound();
  }
}

function call(node: ts.CallExpression, env: Env, depth: number, budget: Budget): Interval {
  const callee = node.expression;
  const args = node.arguments.map((arg) => expression(arg, env, depth, budget));
  if (ts.isPropertyAccessExpression(callee) && isIdentifier(callee.expression) && callee.expression.text === 'Math' && !env.owns('Math')) return mathCall(callee.name.text, args.map(interval));
  const fn = expression(callee, env, depth, budget);
  if ('local' in fn) return callAbstract(fn.local, fn.env, args, depth + 1, budget);
  if ('known' in fn && hasTag(fn.known, 'function')) return callAbstract(fn.known.node, new Env(undefined, fn.known.closure), args, depth + 1, budget);
  throw new NoBound();
}

function mathCall(name: string, args: Interval[]): Interval {
  const [a, b] = args;
  switch (name) {
    case 'cos':
    case 'sin':
      return a.lo === a.hi && Number.isFinite(a.lo) ? point(Math[name](a.lo)) : { lo: -1, hi: 1 };
    case 'min':
      return args.length === 0 ? throwNoBound() : { lo: Math.min(...args.map((x) => x.lo)), hi: Math.min(...args.map((x) => x.hi)) };
    case 'max':
      return args.length === 0 ? throwNoBound() : { lo: Math.max(...args.map((x) => x.lo)), hi: Math.max(...args.map((x) => x.hi)) };
    case 'floor':
    case 'ceil':
    case 'round':
    case 'trunc':
      return { lo: Math.floor(a.lo), hi: Math.ceil(a.hi) };
    case 'abs':
      return a.lo >= 0 ? a : a.hi <= 0 ? { lo: -a.hi, hi: -a.lo } : { lo: 0, hi: Math.max(-a.lo, a.hi) };
    case 'exp':
      return { lo: Math.exp(a.lo), hi: Math.exp(a.hi) };
    case 'sqrt':
      return a.lo >= 0 ? { lo: Math.sqrt(a.lo), hi: Math.sqrt(a.hi) } : throwNoBound();
    case 'pow':
      return arithmetic(SyntaxKind.AsteriskAsteriskToken, a, b);
    default:
      throw new NoBound();
  }
}

function point(value: number): Interval {
  return { lo: value, hi: value };
}

function throwNoBound(): never {
  throw new NoBound();
}

function arithmetic(op: ts.SyntaxKind | undefined, a: Interval, b: Interval): Interval {
  switch (op) {
    case SyntaxKind.PlusToken:
      return checked(a.lo + b.lo, a.hi + b.hi);
    case SyntaxKind.MinusToken:
      return checked(a.lo - b.hi, a.hi - b.lo);
    case SyntaxKind.AsteriskToken:
      return spanOf([a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi]);
    case SyntaxKind.SlashToken:
      // A divisor that may be 0 (or reach it) bounds nothing.
      if (b.lo <= 0 && b.hi >= 0) return ALL;
      return spanOf([a.lo / b.lo, a.lo / b.hi, a.hi / b.lo, a.hi / b.hi]);
    case SyntaxKind.AsteriskAsteriskToken:
      // A power of a non-negative base to a known exponent; anything else is not followed.
      if (b.lo !== b.hi || a.lo < 0) throw new NoBound();
      return b.lo >= 0 ? checked(a.lo ** b.lo, a.hi ** b.lo) : a.lo > 0 ? checked(a.hi ** b.lo, a.lo ** b.lo) : ALL;
    default:
      throw new NoBound();
  }
}

function checked(lo: number, hi: number): Interval {
  return Number.isNaN(lo) || Number.isNaN(hi) ? ALL : { lo, hi };
}

function spanOf(values: number[]): Interval {
  return values.some(Number.isNaN) ? ALL : { lo: Math.min(...values), hi: Math.max(...values) };
}

/**
 * Narrows the function's own names by a comparison with a bound (`step < WARMUP`, `t >= 1`,
 * joined by `&&` on the true side): `whenTrue` and `whenFalse` get the values each side implies.
 */
function narrow(condition: ts.Expression, whenTrue: Env, whenFalse: Env, depth: number, budget: Budget): void {
  while (ts.isParenthesizedExpression(condition)) condition = condition.expression;
  if (ts.isPrefixUnaryExpression(condition) && condition.operator === SyntaxKind.ExclamationToken) {
    narrow(condition.operand, whenFalse, whenTrue, depth, budget);
    return;
  }
  if (!ts.isBinaryExpression(condition)) return;
  const op = condition.operatorToken.kind;
  if (op === SyntaxKind.AmpersandAmpersandToken) {
    narrow(condition.left, whenTrue, new Env(undefined, whenTrue.closure), depth, budget);
    narrow(condition.right, whenTrue, new Env(undefined, whenTrue.closure), depth, budget);
    return;
  }
  const below = op === SyntaxKind.LessThanToken || op === SyntaxKind.LessThanEqualsToken;
  const above = op === SyntaxKind.GreaterThanToken || op === SyntaxKind.GreaterThanEqualsToken;
  if (!below && !above) return;
  // `a < b` and `b > a` narrow the same way.
  const [small, large] = below ? [condition.left, condition.right] : [condition.right, condition.left];
  if (isIdentifier(small) && isIdentifier(large) && whenTrue.owns(small.text) && whenTrue.owns(large.text)) whenTrue.below.add(`${small.text}<${large.text}`);
  narrowName(small, large, whenTrue, whenFalse, depth, budget, 'upper');
  narrowName(large, small, whenTrue, whenFalse, depth, budget, 'lower');
}

/** `name < bound` (`side` 'upper': the bound caps the name when true, floors it when false), or `bound < name`. */
function narrowName(named: ts.Expression, boundNode: ts.Expression, whenTrue: Env, whenFalse: Env, depth: number, budget: Budget, side: 'upper' | 'lower'): void {
  if (!isIdentifier(named) || !whenTrue.owns(named.text)) return;
  const value = whenTrue.lookup(named.text);
  const bound = expression(boundNode, whenTrue, depth, budget);
  if (!isInterval(value) || !isInterval(bound)) return;
  if (side === 'upper') {
    whenTrue.set(named.text, { lo: value.lo, hi: Math.min(value.hi, bound.hi) });
    if (whenFalse.owns(named.text)) whenFalse.set(named.text, { lo: Math.max(value.lo, bound.lo), hi: value.hi });
  } else {
    whenTrue.set(named.text, { lo: Math.max(value.lo, bound.lo), hi: value.hi });
    if (whenFalse.owns(named.text)) whenFalse.set(named.text, { lo: value.lo, hi: Math.min(value.hi, bound.hi) });
  }
}
