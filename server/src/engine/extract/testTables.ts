/**
 * Parameterized tests of Jest, Vitest and Bun: `test.each(rows)(name, fn)` runs `fn` once per row,
 * an array row spread into its parameters and any other row passed whole, as `it.each` and
 * `describe.each` do; Vitest's `test.for(rows)` passes every row whole. Run as an unknown call
 * instead, `fn` would get unknown arguments and a row's learning rate would never reach the model.
 */
import ts from 'typescript';
import { callValue, evaluateArgs, invokeCallbacks, type Arg } from './calls';
import type { Extraction } from './context';
import { evaluate, skipOuterExpressions } from './evaluate';
import type { Scope } from './scope';
import { UNKNOWN, hasTag, type Value } from './values';

/** `test.each`, `it.concurrent.each`, `describe.only.each`, `test.for`: not `test.skip.each`, whose rows never run. */
const TABLE_RUNNER = /^(?:test|it|describe)(?:\.(?:only|concurrent|sequential))?\.(each|for)$/;

/** The rows a table test walks whole; longer tables stand for themselves as an unknown call does. */
const MAX_ROWS = 64;

/**
 * `test.each(rows)(name, fn)` run as its rows: undefined when `node` is no such call or the runner
 * is a value of the file; rows not known (or too many) run `fn` once with unknown arguments.
 */
export function runTableTest(ctx: Extraction, node: ts.CallExpression, scope: Scope): Value | undefined {
  const runner = skipOuterExpressions(node.expression);
  if (!ts.isCallExpression(runner) || runner.arguments.length !== 1) return undefined;
  const match = TABLE_RUNNER.exec(ctx.textOf(runner.expression));
  const receiver = match && (runner.expression as ts.PropertyAccessExpression).expression;
  if (!match || !receiver || !hasTag(evaluate(ctx, receiver, scope), 'unknown')) return undefined;
  const rows = evaluate(ctx, runner.arguments[0], scope);
  const args = evaluateArgs(ctx, node.arguments, scope);
  const test = args.slice(1).find((arg) => hasTag(arg.value, 'function'));
  if (!test || !hasTag(rows, 'array') || !rows.lengthKnown || rows.items.length > MAX_ROWS) {
    invokeCallbacks(ctx, args);
    return UNKNOWN;
  }
  const spreads = match[1] === 'each';
  for (const row of rows.items) {
    const rowArgs: Arg[] = spreads && hasTag(row, 'array') ? row.items.map((value) => ({ value })) : [{ value: row }];
    callValue(ctx, node, test.value, rowArgs);
  }
  return UNKNOWN;
}
