/**
 * Members the file itself sets on the global object (`globalThis.sentimentModel = model`,
 * `window.Risk = window.Risk || {}`): the file's own state, a cache kept between requests or a
 * namespace. Read before the file sets it, such a member is undefined, as on a first run (the
 * cached model is built); read after, it is what was set. Members the file never sets stay what
 * another script or the runtime gives (builtins.ts, an outside setting in evaluate.ts).
 */
import ts from 'typescript';
import type { Extraction } from './context';
import { GLOBAL_OBJECTS } from './globalTf';
import { noteOverwrite } from './userEvents';
import { hasTag, type Value } from './values';
import { scanOncePerFile } from './fileScan';

/** The answer for a member the file never sets: look it up as before. */
export const NOT_SET_BY_FILE: unique symbol = Symbol('not set by the file');

export function isGlobalObject(value: Value): boolean {
  return hasTag(value, 'builtin') && GLOBAL_OBJECTS.includes(value.path);
}

/** `globalThis.key` read: what the run set, undefined before the file's own assignment ran, else NOT_SET_BY_FILE. */
export function readPageGlobal(ctx: Extraction, key: string): Value | typeof NOT_SET_BY_FILE {
  if (ctx.pageGlobals.has(key)) return ctx.pageGlobals.get(key);
  return globalsSetIn(ctx.module.sourceFile).includes(key) ? undefined : NOT_SET_BY_FILE;
}

/** `globalThis.key = value`; inside a user-event handler, undone afterwards (unless it was not set before). */
export function writePageGlobal(ctx: Extraction, key: string, value: Value): void {
  const had = ctx.pageGlobals.has(key);
  const old = ctx.pageGlobals.get(key);
  noteOverwrite(ctx, old, () => (had ? ctx.pageGlobals.set(key, old) : ctx.pageGlobals.delete(key)));
  ctx.pageGlobals.set(key, value);
}

/** The keys a file assigns on a global object (`window.x = `, `globalThis['x'] ??= `). */
const globalsSetIn = scanOncePerFile<string>((node, _sourceFile, found) => {
  if (!ts.isBinaryExpression(node) || !isAssignment(node.operatorToken.kind)) return;
  const key = globalMemberKey(node.left);
  if (key !== undefined) found.push(key);
});

function isAssignment(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

function globalMemberKey(node: ts.Expression): string | undefined {
  if (!ts.isPropertyAccessExpression(node) && !ts.isElementAccessExpression(node)) return undefined;
  const holder = node.expression;
  if (!ts.isIdentifier(holder) || !GLOBAL_OBJECTS.includes(holder.text)) return undefined;
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  return ts.isStringLiteralLike(node.argumentExpression) ? node.argumentExpression.text : undefined;
}
