/**
 * React hook calls read by their syntax: which hook a call is, and its dependency list, which the
 * hook only compares (`useEffect(train, [model])` neither changes nor uses `model`).
 */
import ts from 'typescript';

/** `useEffect` of `useEffect(...)` or `React.useEffect(...)`. */
export function hookName(call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'React' ? callee.name.text : undefined;
}

/** React hooks whose last argument lists what they depend on. */
const HOOKS_WITH_DEPENDENCIES: ReadonlySet<string> = new Set(['useEffect', 'useLayoutEffect', 'useMemo', 'useCallback', 'useImperativeHandle']);

/** `[options]` of `useEffect(() => ..., [options])`: a hook's dependency list written in place. */
export function isDependencyList(call: ts.CallExpression, argument: ts.Node): boolean {
  return HOOKS_WITH_DEPENDENCIES.has(hookName(call) ?? '') && ts.isArrayLiteralExpression(argument) && argument === call.arguments[call.arguments.length - 1];
}
