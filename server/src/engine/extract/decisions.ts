/**
 * Decisions: conditions (`if`, `switch`, `?:`, `&&`/`||` guards) whose value is not known
 * statically. The first run of extraction walks every branch and records each decision and
 * whether one of its branches changed anything (created a layer or model, assigned, returned).
 * When some did, extraction runs again once per combination of branches (variants.ts), with each
 * decision forced to one branch: the model of each run is one that can really be built.
 * Decisions with the same condition text are one decision (`rnnType === 'lstm'` twice is one choice).
 */
import ts from 'typescript';
import { RAN_GUARDED, RAN_OTHER, type BranchNode, type Extraction } from './context';
import { UNKNOWN, hasTag, type ObjectValue, type Primitive, type UnknownValue, type Value } from './values';
import { codeExcerpt } from '../listPhrase';

const { SyntaxKind, isBinaryExpression, isParenthesizedExpression, isPrefixUnaryExpression, isLiteralExpression } = ts;

export interface DecisionPoint {
  key: string;
  /** What holds on each branch, in words ("rnnType is 'lstm'"). */
  branches: string[];
  /** The branches that do not throw, in order: the ones a variant can take. */
  feasible: number[];
  /** Where the condition is written, so that labels read in source order. */
  position: number;
}

/** A condition as a decision: its key, and whether its branch 0 is the condition being false (`!x`). */
interface Condition {
  key: string;
  negated: boolean;
  /** The condition without negations and parentheses. */
  node: ts.Expression;
}

/**
 * Conditions by node: a condition inside a loop or a called helper (an epsilon-greedy
 * `Math.random() < eps` in an RL episode) is met thousands of times, and its key is its text.
 */
const conditions = new WeakMap<ts.Expression, Condition>();

/** `!(x)` and `x` are the same decision with the branches swapped. */
function conditionOf(ctx: Extraction, expression: ts.Expression): Condition {
  let condition = conditions.get(expression);
  if (!condition) {
    condition = readCondition(ctx, expression);
    conditions.set(expression, condition);
  }
  return condition;
}

function readCondition(ctx: Extraction, expression: ts.Expression): Condition {
  let node = expression;
  let negated = false;
  for (;;) {
    if (isParenthesizedExpression(node)) node = node.expression;
    else if (isPrefixUnaryExpression(node) && node.operator === SyntaxKind.ExclamationToken) {
      node = node.operand;
      negated = !negated;
    } else break;
  }
  return { key: `if ${normalized(ctx.textOf(node))}`, negated, node };
}

/**
 * The branch this run forces for a condition whose value is not known: true, false, or undefined
 * when the run walks both branches (the first run, or a decision the first run did not record).
 */
export function forcedTruth(ctx: Extraction, expression: ts.Expression): boolean | undefined {
  if (!ctx.forced) return undefined;
  const condition = conditionOf(ctx, expression);
  const branch = ctx.forced.get(condition.key);
  if (branch === undefined) return undefined;
  return (branch === 0) !== condition.negated;
}

/**
 * forcedTruth of a branch's condition, noted with the way the branch goes (Extraction.forcedBranches);
 * `guardedWhen`: the truth under which the guarded part runs (false for `||`).
 */
export function forcedBranch(ctx: Extraction, node: BranchNode, expression: ts.Expression, guardedWhen = true): boolean | undefined {
  const truth = forcedTruth(ctx, expression);
  // A decision held by the bound on runs (no run goes its other way) forces no variant's code off.
  if (truth !== undefined && ctx.module.isMain && !ctx.assumed.has(conditionOf(ctx, expression).key)) ctx.forcedBranches.set(node, truth === guardedWhen);
  return truth;
}

/**
 * Records a condition walked both ways by the first run, where a branch changed something;
 * `feasible` says, for the condition being true and false, whether that branch did not throw.
 */
export function recordTruthDecision(ctx: Extraction, expression: ts.Expression, feasible: [boolean, boolean] = [true, true]): void {
  if (ctx.forced || ctx.iterating > 0) return;
  const condition = conditionOf(ctx, expression);
  // Branch 0 is the condition without its negations holding.
  const byBranch = condition.negated ? [feasible[1], feasible[0]] : feasible;
  recordDecision(ctx, condition.key, condition.node.pos, byBranch, () => [describeTruth(ctx, condition.node, true), describeTruth(ctx, condition.node, false)]);
}

/** Records a decision walked every way by the first run, where a branch changed something. */
export function recordDecision(ctx: Extraction, key: string, position: number, feasible: boolean[], describe: () => string[]): void {
  if (ctx.forced || ctx.iterating > 0) return;
  const known = ctx.decisionPoints.get(key);
  if (known) {
    // The same condition elsewhere: a branch is feasible when it is feasible everywhere.
    known.feasible = known.feasible.filter((branch) => feasible[branch] !== false);
    return;
  }
  const branches = describe();
  ctx.decisionPoints.set(key, { key, branches, feasible: branches.map((_, i) => i).filter((i) => feasible[i] !== false), position });
}

/**
 * A random pick from a written list (`list[Math.floor(Math.random() * list.length)]`, a random
 * search over choices): one branch per item, as a `switch` over them. The first run does not know
 * the pick; each variant run takes one item. Lists with the same items are one decision, so a
 * helper `choose(list)` called with several lists picks from each on its own.
 */
export function randomPick(ctx: Extraction, node: ts.Expression, items: readonly Primitive[]): Value {
  const key = `pick ${JSON.stringify(items)}`;
  const forced = ctx.forced?.get(key);
  if (forced !== undefined) return items[forced];
  const list = codeExcerpt(items.map((item) => JSON.stringify(item)).join(', '));
  // Recorded whatever follows: the first run cannot tell whether the pick reaches a model.
  recordDecision(ctx, key, node.pos, items.map(() => true), () => items.map((item) => `the random pick from [${list}] is ${JSON.stringify(item)}`));
  return UNKNOWN;
}

/**
 * `ALLOWED.includes(x) ? x : fallback` with x not known (a whitelist of presets): one branch per
 * allowed item and one for the fallback, as a `switch` over them, so a table read at the result
 * (`PRESETS[key]`) reads only the entries the whitelist lets through, not every entry. Without a
 * fallback (`if (ALLOWED.includes(x))`, the branch it guards), one branch per item.
 */
export function whitelistPick(ctx: Extraction, node: ts.Node, subject: ts.Expression, allowed: readonly Primitive[], fallback?: () => Value): Value {
  const key = `whitelist ${normalized(ctx.textOf(node))}`;
  const forced = ctx.forced?.get(key);
  if (forced !== undefined) return forced < allowed.length ? allowed[forced] : (fallback?.() ?? UNKNOWN);
  const shownSubject = shown(ctx, subject);
  const items = allowed.map((item) => (typeof item === 'string' ? `'${item}'` : String(item)));
  const descriptions = () => items.map((item) => `${shownSubject} is ${item}`);
  // Recorded whatever follows, as a random pick is: the first run cannot tell whether the pick reaches a model.
  if (fallback) recordDecision(ctx, key, node.pos, [...allowed.map(() => true), true], () => [...descriptions(), `${shownSubject} is none of ${items.join(', ')}`]);
  else recordDecision(ctx, key, node.pos, allowed.map(() => true), descriptions);
  return { tag: 'unknown', pickedBy: key };
}

/** The most entries a table read at an unknown key forks into (as a random pick's list). */
const MAX_TABLE_ENTRIES = 8;

/**
 * A table of settings the code writes, read at a key not known statically (`TASKS[req.params.task]`,
 * `PRESETS[process.env.PRESET]`): one branch per entry, as a `switch` over its keys, each variant
 * reading one entry. Only plain tables of settings fork: an object literal of 2 to 8 entries, each
 * an object literal of numbers, strings, booleans and lists and objects of them (a table of builder functions
 * runs code with whatever else the caller passes, and a table of names is read as unknown, as
 * before). Undefined when the table does not qualify.
 */
export function tableLookup(ctx: Extraction, access: ts.ElementAccessExpression, table: ObjectValue, at: UnknownValue): Value | undefined {
  // `PRESETS[name]` with name whitelisted: each run of the whitelist's variants knows the name.
  if (at.pickedBy !== undefined || !isSettingsTable(table)) return undefined;
  const keys: string[] = [];
  table.props.forEach((_member, key) => keys.push(key));
  const key = `lookup ${normalized(ctx.textOf(access))}`;
  const forced = ctx.forced?.get(key);
  if (forced !== undefined) return table.props.get(keys[forced])?.value;
  const subject = shown(ctx, access.argumentExpression);
  // Recorded whatever follows, as a random pick is: the first run cannot tell whether the entry reaches a model.
  recordDecision(ctx, key, access.pos, keys.map(() => true), () => keys.map((entry) => `${subject} is '${entry}'`));
  return UNKNOWN;
}

function isSettingsTable(table: ObjectValue): boolean {
  if (!table.span || table.open || table.tfjs || table.props.size < 2 || table.props.size > MAX_TABLE_ENTRIES) return false;
  let entries = true;
  table.props.forEach((member) => (entries &&= hasTag(member.value, 'object') && isSetting(member.value)));
  return entries;
}

/** Numbers, strings and booleans, and lists and object literals made of them (`layers: [{ units: 48 }]`). */
function isSetting(value: Value): boolean {
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' || value === null) return true;
  if (hasTag(value, 'array')) return value.items.every(isSetting);
  if (!hasTag(value, 'object') || !value.span || value.open) return false;
  let settings = true;
  value.props.forEach((member) => (settings &&= isSetting(member.value)));
  return settings;
}

/**
 * Notes which part of a branch ran in the main file: the guarded part (`ran` true), the other
 * (false), or both (the condition not known). A condition forced by a variant run is no knowledge
 * of the code: the caller notes before forcing.
 */
export function noteBranch(ctx: Extraction, node: BranchNode, ran: boolean | undefined): void {
  if (!ctx.module.isMain) return;
  const went = ran === undefined ? RAN_GUARDED | RAN_OTHER : ran ? RAN_GUARDED : RAN_OTHER;
  ctx.branchOutcomes.set(node, (ctx.branchOutcomes.get(node) ?? 0) | went);
}

/** Notes the clauses a `switch` of the main file ran: `clauses`, or every clause when its value is not known (undefined). */
export function noteClauses(ctx: Extraction, statement: ts.SwitchStatement, clauses: readonly ts.CaseOrDefaultClause[] | undefined): void {
  if (!ctx.module.isMain) return;
  let ran = ctx.clausesRun.get(statement);
  if (!ran) ctx.clausesRun.set(statement, (ran = new Set()));
  for (const clause of clauses ?? statement.caseBlock.clauses) ran.add(clause);
}

/** A count that moves whenever the walk changes something a variant could differ in. */
export function changeCount(ctx: Extraction): number {
  return ctx.effects + ctx.writes;
}

/** "rnnType is 'lstm'", "not useDropout", "depth > 3". */
function describeTruth(ctx: Extraction, node: ts.Expression, truthy: boolean): string {
  if (isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    const equality = op === SyntaxKind.EqualsEqualsEqualsToken || op === SyntaxKind.EqualsEqualsToken;
    const inequality = op === SyntaxKind.ExclamationEqualsEqualsToken || op === SyntaxKind.ExclamationEqualsToken;
    if (equality || inequality) {
      const literalOnLeft = isLiteralExpression(node.left) && !isLiteralExpression(node.right);
      const subject = shown(ctx, literalOnLeft ? node.right : node.left);
      const value = shown(ctx, literalOnLeft ? node.left : node.right);
      return `${subject} is ${equality === truthy ? '' : 'not '}${value}`;
    }
  }
  const text = shown(ctx, node);
  if (truthy) return text;
  return /^[\w$.]+$/.test(text) ? `not ${text}` : `not (${text})`;
}

/** A case of a switch: "rnnType is 'lstm'"; the default and no match: "rnnType is none of 'lstm', 'gru'". */
export function describeCase(ctx: Extraction, discriminant: ts.Expression, value: ts.Expression | undefined, others: readonly ts.Expression[]): string {
  const subject = shown(ctx, discriminant);
  if (value) return `${subject} is ${shown(ctx, value)}`;
  return others.length === 0 ? `${subject} is anything` : `${subject} is none of ${others.map((other) => shown(ctx, other)).join(', ')}`;
}

export function switchKey(ctx: Extraction, discriminant: ts.Expression): string {
  return `switch ${normalized(ctx.textOf(discriminant))}`;
}

function shown(ctx: Extraction, node: ts.Node): string {
  return codeExcerpt(ctx.textOf(node));
}

function normalized(text: string): string {
  return text.replace(/\s+/g, ' ');
}
