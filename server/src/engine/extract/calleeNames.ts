/** The name a call is made by, read from its callee's syntax: what extraction and clipping evidence match on. */
import ts from 'typescript';

const { SyntaxKind } = ts;

/** `name` of a method call's callee, `x.name` or `x['name']`; undefined for other callees. */
export function methodName(callee: ts.Expression): string | undefined {
  if (callee.kind === SyntaxKind.PropertyAccessExpression) return (callee as ts.PropertyAccessExpression).name.text;
  if (callee.kind !== SyntaxKind.ElementAccessExpression) return undefined;
  const key = (callee as ts.ElementAccessExpression).argumentExpression;
  return key.kind === SyntaxKind.StringLiteral ? (key as ts.StringLiteral).text : undefined;
}

/** `f` of `f(...)`, `x.f(...)` and `x['f'](...)`. */
export function calleeName(call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  return callee.kind === SyntaxKind.Identifier ? (callee as ts.Identifier).text : methodName(callee);
}
