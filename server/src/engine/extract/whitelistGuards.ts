/**
 * Whitelists: a value not known statically that code lets through only when a written list holds
 * it (`ALLOWED.includes(x) ? x : 'mlp'`, `if (env.KIND && ALLOWED.includes(env.KIND)) cfg.kind =
 * env.KIND`) is one of the list's items, one variant each (whitelistPick in decisions.ts), not any
 * value: a registry read at it reads only the entries the list allows.
 */
import ts from 'typescript';
import type { Extraction } from './context';
import { evaluate, skipOuterExpressions } from './evaluate';
import { whitelistPick } from './decisions';
import { Scope } from './scope';
import { hasTag, isTagged, type Primitive } from './values';

const { SyntaxKind, isBinaryExpression, isCallExpression, isIdentifier, isPropertyAccessExpression } = ts;

/** The most items a whitelist forks into. */
const MAX_ALLOWED = 8;

export interface Whitelist {
  /** The `ALLOWED.includes(x)` call. */
  call: ts.CallExpression;
  /** `x`. */
  subject: ts.Expression;
  items: Primitive[];
}

/** `ALLOWED.includes(x)`, ALLOWED a written list of 1 to 8 strings or numbers; else undefined. */
export function whitelistOf(ctx: Extraction, condition: ts.Expression, scope: Scope): Whitelist | undefined {
  const call = skipOuterExpressions(condition);
  if (!isCallExpression(call) || call.arguments.length !== 1 || !isPropertyAccessExpression(call.expression) || call.expression.name.text !== 'includes') return undefined;
  const list = evaluate(ctx, call.expression.expression, scope);
  if (!hasTag(list, 'array') || list.lengthKnown === false || list.items.length === 0 || list.items.length > MAX_ALLOWED) return undefined;
  if (!list.items.every((item) => typeof item === 'string' || typeof item === 'number')) return undefined;
  return { call, subject: skipOuterExpressions(call.arguments[0]), items: list.items as Primitive[] };
}

/**
 * Runs the branch that an `if` guard holding `ALLOWED.includes(x)` (alone or among `&&`'s
 * operands) lets through, x a name or member read not known statically and not assigned in the
 * branch: there x reads as one of the list's items (ctx.pinned). Only a list of strings (kinds,
 * names) pins: each pin multiplies the variants, and a list of numbers guards a batch size or a
 * count far more often than a size a model reads.
 */
export function runWhitelisted<T>(ctx: Extraction, condition: ts.Expression, branch: ts.Statement, scope: Scope, run: () => T): T {
  const guard = conjuncts(condition)
    .map((operand) => whitelistOf(ctx, operand, scope))
    .find((found) => found !== undefined && found.items.every((item) => typeof item === 'string') && isPinnable(ctx, found.subject, branch, scope));
  if (!guard) return run();
  const outer = ctx.pinned;
  ctx.pinned = new Map(outer ?? []).set(ctx.textOf(guard.subject), whitelistPick(ctx, guard.call, guard.subject, guard.items));
  try {
    return run();
  } finally {
    ctx.pinned = outer;
  }
}

function conjuncts(condition: ts.Expression): ts.Expression[] {
  const inner = skipOuterExpressions(condition);
  return isBinaryExpression(inner) && inner.operatorToken.kind === SyntaxKind.AmpersandAmpersandToken ? [...conjuncts(inner.left), ...conjuncts(inner.right)] : [inner];
}

function isPinnable(ctx: Extraction, subject: ts.Expression, branch: ts.Statement, scope: Scope): boolean {
  if (!isIdentifier(subject) && !isPropertyAccessExpression(subject)) return false;
  const value = evaluate(ctx, subject, scope);
  return isTagged(value) && value.tag === 'unknown' && value.pickedBy === undefined && !assigns(ctx, branch, ctx.textOf(subject));
}

/** Whether code in `node` assigns to what `text` names (`x = ...`, `x += ...`, `x++`). */
function assigns(ctx: Extraction, node: ts.Node, text: string): boolean {
  const target =
    isBinaryExpression(node) && node.operatorToken.kind >= SyntaxKind.FirstAssignment && node.operatorToken.kind <= SyntaxKind.LastAssignment
      ? node.left
      : (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === SyntaxKind.PlusPlusToken || node.operator === SyntaxKind.MinusMinusToken)
        ? node.operand
        : undefined;
  if (target && ctx.textOf(skipOuterExpressions(target)) === text) return true;
  return ts.forEachChild(node, (child) => assigns(ctx, child, text) || undefined) ?? false;
}
