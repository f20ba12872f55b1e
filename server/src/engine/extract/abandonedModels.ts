/**
 * A notebook's first attempt: a model bound to a variable, looked at (`summary`, `predict`) and
 * replaced before anything trains it.
 *
 *   let model = makeMlp(tf.initializers.randomNormal({ stddev: 1 }));
 *   model.predict(probe).print();      // "logits are huge: not training this one"
 *   model = makeMlp('heUniform');
 *   model.fit(xs, ys);
 *
 * Its gradients never flow, so nothing about them is a finding. Decided from the syntax of the
 * statements that follow the binding, conservatively: any use of the variable other than a
 * method that only reads the model (passed on, stored, trained, compiled) keeps the model.
 */
import ts from 'typescript';
import type { Span } from '../ir';
import { ancestorsOf } from './ancestors';

const { SyntaxKind, isBinaryExpression, isBlock, isExpressionStatement, isIdentifier, isPropertyAccessExpression, isSourceFile, isVariableDeclaration, isVariableDeclarationList, isVariableStatement } = ts;

/** Methods that look at a model without training it or handing it to other code. */
const LOOKING_METHODS = new Set(['predict', 'summary', 'countParams', 'getLayer', 'getWeights']);

/** Whether the model built by the expression at `span` (its outermost call in this file) is bound, only looked at, then replaced. */
export function isReplacedBeforeTraining(sourceFile: ts.SourceFile, span: Span): boolean {
  // Trees are parsed without parent pointers: the walk to the expression keeps its ancestors.
  const ancestors = ancestorsOf(sourceFile, span);
  if (!ancestors) return false;
  const binding = bindingOf(ancestors);
  if (!binding) return false;
  const { name, statement, statements } = binding;
  for (const later of statements.slice(statements.indexOf(statement) + 1)) {
    if (reassigns(later, name)) return true;
    if (!onlyLooksAt(later, name)) return false;
  }
  return false;
}

/** `let name = <built>;` or `name = <built>;` as a statement of its own (through parentheses, casts and await), and the statements it is one of. */
function bindingOf(ancestors: ts.Node[]): { name: string; statement: ts.Statement; statements: readonly ts.Statement[] } | undefined {
  let index = ancestors.length - 1;
  const parentOf = (at: number): ts.Node | undefined => ancestors[at - 1];
  while (index > 0 && SEEN_THROUGH.has(parentOf(index)!.kind)) index--;
  const node = ancestors[index];
  const parent = parentOf(index);
  let name: string | undefined;
  let statementIndex = index - 1;
  if (parent && isVariableDeclaration(parent) && parent.initializer === node && isIdentifier(parent.name)) {
    const list = parentOf(index - 1);
    const statement = parentOf(index - 2);
    const mutable = list !== undefined && isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) === 0 && list.declarations.length === 1;
    if (!mutable || !statement || !isVariableStatement(statement)) return undefined;
    name = parent.name.text;
    statementIndex = index - 3;
  } else if (parent && isBinaryExpression(parent) && parent.right === node && parent.operatorToken.kind === SyntaxKind.EqualsToken && isIdentifier(parent.left)) {
    const statement = parentOf(index - 1);
    if (!statement || !isExpressionStatement(statement)) return undefined;
    name = parent.left.text;
    statementIndex = index - 2;
  }
  const statement = ancestors[statementIndex];
  const container = ancestors[statementIndex - 1];
  if (name === undefined || !container || !(isBlock(container) || isSourceFile(container))) return undefined;
  return { name, statement: statement as ts.Statement, statements: container.statements };
}

const SEEN_THROUGH = new Set([SyntaxKind.ParenthesizedExpression, SyntaxKind.AsExpression, SyntaxKind.AwaitExpression, SyntaxKind.NonNullExpression]);

function reassigns(statement: ts.Statement, name: string): boolean {
  if (!isExpressionStatement(statement)) return false;
  const expression = statement.expression;
  return isBinaryExpression(expression) && expression.operatorToken.kind === SyntaxKind.EqualsToken && isIdentifier(expression.left) && expression.left.text === name && !mentions(expression.right, name);
}

function mentions(node: ts.Node, name: string): boolean {
  if (isIdentifier(node) && node.text === name) return true;
  return ts.forEachChild(node, (child) => mentions(child, name) || undefined) ?? false;
}

/** Every mention of `name` in the statement is `name.<a looking method>` (or a member named like it). */
function onlyLooksAt(statement: ts.Node, name: string): boolean {
  const looks = (node: ts.Node): boolean => {
    if (isPropertyAccessExpression(node) && isIdentifier(node.expression) && node.expression.text === name) return LOOKING_METHODS.has(node.name.text);
    if (isPropertyAccessExpression(node)) return looks(node.expression);
    if (isIdentifier(node)) return node.text !== name;
    // forEachChild stops at the first truthy answer: a child that does more than look.
    return ts.forEachChild(node, (child) => (looks(child) ? undefined : child)) === undefined;
  };
  return looks(statement);
}
