/**
 * Whether `optimizer.minimize(f, x)`'s second argument is a list of variables (the trap: that
 * parameter is returnCost). A list is what the code visibly builds: an array literal, an
 * array-producing call (`vars.concat(more)`, `model.trainableWeights.map((w) => w.read())`,
 * `Array.from(...)`), a model's weight list (`trainableWeights`, `getWeights()`), or an identifier
 * whose every declaration in the file is one of those, a call of a function of the file (or of a
 * method of `this`: `this.headWeights()`) whose every `return` is one of those, or a condition
 * picking between two of those. Anything else (a flag, a call of unknown result) is no finding.
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
  if (buildsList(expression)) return true;
  return answerOncePerFile(text, file, `variable list ${argument}`, (whole) => buildsListThroughFile(whole, expression, 0));
}

/** How many names, helpers and conditions deep a list is followed through the file. */
const MAX_DEPTH = 4;

/**
 * Whether `node` builds a list, names one that every declaration in the file builds (`const
 * netParams = params`), calls a helper of the file whose every return builds one, or picks one of
 * two that do (`this.freezeEncoder ? this.headParams() : this.allParams()`).
 */
function buildsListThroughFile(whole: string, node: ts.Expression, depth: number): boolean {
  const expression = unwrap(node);
  if (buildsList(expression)) return true;
  if (depth >= MAX_DEPTH) return false;
  if (ts.isConditionalExpression(expression)) return buildsListThroughFile(whole, expression.whenTrue, depth + 1) && buildsListThroughFile(whole, expression.whenFalse, depth + 1);
  if (expression.kind === SyntaxKind.Identifier) {
    const declarations = bindingsNamed(whole, (expression as ts.Identifier).text).variables;
    return declarations.length > 0 && declarations.every((declaration) => declaration.initializer !== undefined && buildsListThroughFile(whole, declaration.initializer, depth + 1));
  }
  const helper = calledName(expression);
  return helper !== undefined && everyDefinitionReturnsList(whole, helper, depth + 1);
}

/** What a call calls by name: a plain function (`paramsOf(actor)`) or a method of `this` (`this.headWeights()`), whose definitions the file holds. */
interface CalledName {
  name: string;
  method: boolean;
}

function calledName(expression: ts.Expression): CalledName | undefined {
  if (expression.kind !== SyntaxKind.CallExpression) return undefined;
  const callee = unwrap((expression as ts.CallExpression).expression);
  if (callee.kind === SyntaxKind.Identifier) return { name: (callee as ts.Identifier).text, method: false };
  if (callee.kind !== SyntaxKind.PropertyAccessExpression) return undefined;
  const { expression: receiver, name } = callee as ts.PropertyAccessExpression;
  // A method of `this` or of an object of the file's classes (`head.variablesOf(groups)`).
  const kind = unwrap(receiver).kind;
  return kind === SyntaxKind.ThisKeyword || kind === SyntaxKind.Identifier ? { name: name.text, method: true } : undefined;
}

/**
 * Whether every definition of the function `name` in the file (a function declaration, or a
 * variable bound to an arrow or function expression; for a method of `this`, every method or
 * property of that name in the file's classes) returns a list on every `return`, one it visibly
 * builds or one another helper returns: `const paramsOf = (net) => net.trainableWeights.map((w) =>
 * w.read())`, `trainableVars() { return paramsOf(this.online); }`.
 */
function everyDefinitionReturnsList(whole: string, called: CalledName, depth: number): boolean {
  const { functions, variables, members } = bindingsNamed(whole, called.name);
  const initialized = (declaration: ts.VariableDeclaration | ts.PropertyDeclaration): ts.Node => (declaration.initializer ? unwrap(declaration.initializer) : declaration);
  const definitions: ts.Node[] = called.method
    ? members.map((member) => (ts.isPropertyDeclaration(member) ? initialized(member) : member))
    : [...functions, ...variables.map(initialized)];
  return definitions.length > 0 && definitions.every((definition) => returnsList(whole, definition, depth));
}

/** The function declarations, variable declarations and class members (methods, properties) of the file named `name`. */
function bindingsNamed(whole: string, name: string): { functions: ts.FunctionDeclaration[]; variables: ts.VariableDeclaration[]; members: (ts.MethodDeclaration | ts.PropertyDeclaration)[] } {
  const functions: ts.FunctionDeclaration[] = [];
  const variables: ts.VariableDeclaration[] = [];
  const members: (ts.MethodDeclaration | ts.PropertyDeclaration)[] = [];
  const visit = (node: ts.Node): void => {
    if (node.kind === SyntaxKind.FunctionDeclaration && (node as ts.FunctionDeclaration).name?.text === name) functions.push(node as ts.FunctionDeclaration);
    if (node.kind === SyntaxKind.VariableDeclaration) {
      const declaration = node as ts.VariableDeclaration;
      if (declaration.name.kind === SyntaxKind.Identifier && declaration.name.text === name) variables.push(declaration);
    }
    if ((ts.isMethodDeclaration(node) || ts.isPropertyDeclaration(node)) && ts.isIdentifier(node.name) && node.name.text === name) members.push(node);
    forEachChild(node, visit);
  };
  visit(createSourceFile('file.ts', whole, ScriptTarget.Latest));
  return { functions, variables, members };
}

function returnsList(whole: string, definition: ts.Node, depth: number): boolean {
  if (!ts.isArrowFunction(definition) && !ts.isFunctionExpression(definition) && !ts.isFunctionDeclaration(definition) && !ts.isMethodDeclaration(definition)) return false;
  const body = definition.body;
  if (!body) return false;
  if (!ts.isBlock(body)) return buildsListThroughFile(whole, body, depth);
  const returned: (ts.Expression | undefined)[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isReturnStatement(node)) returned.push(node.expression);
    forEachChild(node, visit);
  };
  forEachChild(body, visit);
  return returned.length > 0 && returned.every((expression) => expression !== undefined && returnsBuiltList(whole, body, expression, depth));
}

/** A returned expression builds a list; a name the function declares itself (`const out = []; ...; return out;`) is read there, not file-wide. */
function returnsBuiltList(whole: string, body: ts.Block, expression: ts.Expression, depth: number): boolean {
  const returned = unwrap(expression);
  const local = ts.isIdentifier(returned) ? localDeclarations(body, returned.text) : [];
  if (local.length === 0) return buildsListThroughFile(whole, expression, depth);
  return local.every((declaration) => declaration.initializer !== undefined && buildsListThroughFile(whole, declaration.initializer, depth + 1));
}

/** The variable declarations named `name` in a function's body, not inside the functions it holds. */
function localDeclarations(body: ts.Block, name: string): ts.VariableDeclaration[] {
  const found: ts.VariableDeclaration[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name) found.push(node);
    forEachChild(node, visit);
  };
  forEachChild(body, visit);
  return found;
}

function parseExpression(source: string): ts.Expression | undefined {
  const statement = createSourceFile('argument.ts', `(${source});`, ScriptTarget.Latest).statements[0];
  if (!statement || statement.kind !== SyntaxKind.ExpressionStatement) return undefined;
  return unwrap((statement as ts.ExpressionStatement).expression);
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
