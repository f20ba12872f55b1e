/**
 * Settings a page reads from its address and its storage. A plain page load has no query
 * parameters and finds its storage empty, so `params.get('lr') ?? '0.001'` (params a
 * `new URLSearchParams(location.search)`) and `localStorage.getItem('lr') || '0.001'` take the
 * default the code writes, as `process.env.LR ?? '0.05'` does for a plain run. The read itself
 * stays unknown: only the fallback written beside it is taken.
 */
import ts from 'typescript';
import type { Arg } from './calls';
import type { Extraction } from './context';
import { evaluate, skipOuterExpressions } from './evaluate';
import { GLOBAL_OBJECTS } from './globalTf';
import type { Scope } from './scope';
import { UNKNOWN, hasTag, type Value } from './values';

/** The builtin path of the query parameters of the page's own address. */
const PAGE_QUERY = 'URLSearchParams.page';

const STORAGES = ['localStorage', 'sessionStorage'];

/** `new URLSearchParams(location.search)` (or `window.location.search`): the page's query; any other query is unknown. */
export function searchParams(args: Arg[]): Value {
  const source = args[0]?.node;
  return source && readsPageSearch(source) ? { tag: 'builtin', path: PAGE_QUERY } : UNKNOWN;
}

function readsPageSearch(node: ts.Expression): boolean {
  const source = skipOuterExpressions(node);
  return ts.isPropertyAccessExpression(source) && source.name.text === 'search' && readsLocation(source.expression);
}

/** Whether `node` is `params.get(name)` of the page's query or `localStorage.getItem(name)`: absent on a plain page load. */
export function readsPageSetting(ctx: Extraction, node: ts.Expression, scope: Scope): boolean {
  const read = skipOuterExpressions(node);
  if (!ts.isCallExpression(read) || !ts.isPropertyAccessExpression(read.expression)) return false;
  const { expression: receiver, name } = read.expression;
  if (name.text === 'getItem') return isGlobal(receiver, STORAGES, scope);
  if (name.text !== 'get') return false;
  // `new URLSearchParams(location.search).get('lr')`, or a name holding it; nothing with calls is evaluated twice.
  const params = skipOuterExpressions(receiver);
  if (ts.isNewExpression(params)) return ts.isIdentifier(params.expression) && params.expression.text === 'URLSearchParams' && params.arguments?.length === 1 && readsPageSearch(params.arguments[0]);
  if (!ts.isIdentifier(params)) return false;
  const value = evaluate(ctx, params, scope);
  return hasTag(value, 'builtin') && value.path === PAGE_QUERY;
}

/** `location`, `window.location`, `document.location`. */
function readsLocation(node: ts.Expression): boolean {
  const read = skipOuterExpressions(node);
  if (ts.isIdentifier(read)) return read.text === 'location';
  return ts.isPropertyAccessExpression(read) && read.name.text === 'location' && ts.isIdentifier(read.expression) && [...GLOBAL_OBJECTS, 'document'].includes(read.expression.text);
}

/** One of `names` as the runtime's global (not a local of that name), read directly or through the global object. */
function isGlobal(node: ts.Expression, names: string[], scope: Scope): boolean {
  const read = skipOuterExpressions(node);
  if (ts.isIdentifier(read)) return names.includes(read.text) && !scope.find(read.text);
  return ts.isPropertyAccessExpression(read) && names.includes(read.name.text) && ts.isIdentifier(read.expression) && GLOBAL_OBJECTS.includes(read.expression.text) && !scope.find(read.expression.text);
}
