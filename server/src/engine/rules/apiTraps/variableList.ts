/**
 * Whether `optimizer.minimize(f, x)`'s second argument is a list of variables (the trap: that
 * parameter is returnCost). A list is what the code visibly builds: an array literal, an
 * array-producing call (`vars.concat(more)`, `model.trainableWeights.map((w) => w.read())`,
 * `Array.from(...)`), a model's weight list (`trainableWeights`, `getWeights()`), or an identifier
 * whose every declaration in the file is one of those. Anything else (a flag, a call of unknown
 * result) is no finding.
 */
import ts from 'typescript';
import type { FileIR } from '../../ir';
import { answerOncePerFile } from '../../fixes/perFile';

const { SyntaxKind, ScriptTarget, createSourceFile, forEachChild } = ts;

/** Array methods whose result is again an array. */
const ARRAY_RESULT_METHODS: ReadonlySet<string> = new Set(['map', 'filter', 'concat', 'slice', 'flat', 'flatMap']);
/** Members of a tfjs model or layer that are weight lists. */
const WEIGHT_LISTS: ReadonlySet<string> = new Set(['trainableWeights', 'weights', 'nonTrainableWeights']);

export function isVariableList(text: string, file: FileIR, argument: string): boolean {
  const expression = parseExpression(argument);
  if (!expression) return false;
  if (expression.kind !== SyntaxKind.Identifier) return buildsList(expression);
  const name = (expression as ts.Identifier).text;
  return answerOncePerFile(text, file, `list bound to ${name}`, (whole) => everyDeclarationBuildsList(whole, name));
}

function parseExpression(source: string): ts.Expression | undefined {
  const statement = createSourceFile('argument.ts', `(${source});`, ScriptTarget.Latest).statements[0];
  if (!statement || statement.kind !== SyntaxKind.ExpressionStatement) return undefined;
  return unwrap((statement as ts.ExpressionStatement).expression);
}

function everyDeclarationBuildsList(whole: string, name: string): boolean {
  const declarations: ts.VariableDeclaration[] = [];
  const visit = (node: ts.Node): void => {
    if (node.kind === SyntaxKind.VariableDeclaration) {
      const declaration = node as ts.VariableDeclaration;
      if (declaration.name.kind === SyntaxKind.Identifier && declaration.name.text === name) declarations.push(declaration);
    }
    forEachChild(node, visit);
  };
  visit(createSourceFile('file.ts', whole, ScriptTarget.Latest));
  return declarations.length > 0 && declarations.every((declaration) => declaration.initializer !== undefined && buildsList(declaration.initializer));
}

function buildsList(node: ts.Expression): boolean {
  const expression = unwrap(node);
  if (expression.kind === SyntaxKind.ArrayLiteralExpression) return true;
  if (expression.kind === SyntaxKind.PropertyAccessExpression) return WEIGHT_LISTS.has((expression as ts.PropertyAccessExpression).name.text);
  if (expression.kind !== SyntaxKind.CallExpression) return false;
  const callee = unwrap((expression as ts.CallExpression).expression);
  if (callee.kind !== SyntaxKind.PropertyAccessExpression) return false;
  const { expression: receiver, name } = callee as ts.PropertyAccessExpression;
  if (name.text === 'getWeights' || ARRAY_RESULT_METHODS.has(name.text)) return true;
  return receiver.kind === SyntaxKind.Identifier && (receiver as ts.Identifier).text === 'Array' && (name.text === 'from' || name.text === 'of');
}

/** The expression inside parentheses, type assertions and non-null assertions. */
function unwrap(node: ts.Expression): ts.Expression {
  let expression = node;
  for (;;) {
    if (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression) || ts.isNonNullExpression(expression) || ts.isTypeAssertionExpression(expression) || ts.isSatisfiesExpression(expression)) {
      expression = expression.expression;
    } else {
      return expression;
    }
  }
}
