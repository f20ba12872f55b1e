/**
 * A method of a Vue root instance that nothing calls: `new Vue({ template: '...', methods: {
 * buildLegacy() {...} } })` (or `createApp({...}).mount('#app')`) whose template is written in its
 * options, so the template's bindings are all in this file, and whose instance is not kept where
 * other code could reach it. Vue calls a method only where a binding, a watcher or the
 * component's own code names it; a name written nowhere else is never called (unusedBuilders.ts).
 */
import ts from 'typescript';

const { isCallExpression, isIdentifier, isMethodDeclaration, isNewExpression, isObjectLiteralExpression, isPropertyAccessExpression, isPropertyAssignment, isStringLiteralLike } = ts;

/**
 * The method's name when `ancestors[index]` is a method of a root instance's `methods` (the
 * ancestors before it: the instance, its options, the `methods` member, the methods object), and
 * nothing but the method's own declaration names it (`mentions`: how often code that may run names
 * a word, identifiers and whole strings alike) nor its template; else undefined.
 */
export function uncalledVueMethod(sourceFile: ts.SourceFile, ancestors: readonly ts.Node[], index: number, mentions: (name: string) => number): string | undefined {
  if (index < 5) return undefined;
  const [root, options, methodsMember, methods, method] = ancestors.slice(index - 4, index + 1);
  if (!isObjectLiteralExpression(options) || !isRootInstance(root, options) || !isLeft(ancestors, index - 4)) return undefined;
  if (!isPropertyAssignment(methodsMember) || methodsMember.initializer !== methods || !isObjectLiteralExpression(methods) || memberName(methodsMember) !== 'methods') return undefined;
  const name = isMethodDeclaration(method) || isPropertyAssignment(method) ? memberName(method) : undefined;
  const template = templateText(sourceFile, options);
  if (name === undefined || template === undefined || mentions(name) !== 1) return undefined;
  return new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(template) ? undefined : name;
}

/** `new Vue(options)` or `createApp(options)` / `Vue.createApp(options)`. */
function isRootInstance(node: ts.Node, options: ts.ObjectLiteralExpression): boolean {
  if (isNewExpression(node)) return isIdentifier(node.expression) && node.expression.text === 'Vue' && node.arguments?.[0] === options;
  if (!isCallExpression(node) || node.arguments[0] !== options) return false;
  const callee = node.expression;
  const named = isIdentifier(callee) ? callee.text : isPropertyAccessExpression(callee) && isIdentifier(callee.expression) && callee.expression.text === 'Vue' ? callee.name.text : undefined;
  return named === 'createApp';
}

/** Whether the instance at `ancestors[index]` is made in a statement of its own, perhaps mounted (`.mount('#app')`), and kept nowhere. */
function isLeft(ancestors: readonly ts.Node[], index: number): boolean {
  let at = index;
  while (at >= 2 && isPropertyAccessExpression(ancestors[at - 1]) && (ancestors[at - 1] as ts.PropertyAccessExpression).name.text === 'mount' && isCallExpression(ancestors[at - 2])) at -= 2;
  return at >= 1 && ts.isExpressionStatement(ancestors[at - 1]);
}

/** The `template` option written as a string in the options, its text (every binding the instance has); undefined when there is none or a render function. */
function templateText(sourceFile: ts.SourceFile, options: ts.ObjectLiteralExpression): string | undefined {
  let template: string | undefined;
  for (const member of options.properties) {
    const name = member.name && (isIdentifier(member.name) || isStringLiteralLike(member.name)) ? member.name.text : undefined;
    if (name === 'render') return undefined;
    if (name === 'template' && isPropertyAssignment(member)) {
      const value = member.initializer;
      if (isStringLiteralLike(value)) template = value.text;
      else if (ts.isTemplateExpression(value)) template = value.getText(sourceFile);
    }
  }
  return template;
}

function memberName(member: ts.ObjectLiteralElementLike): string | undefined {
  return member.name && (isIdentifier(member.name) || isStringLiteralLike(member.name)) ? member.name.text : undefined;
}
