/**
 * An importer's own top-level functions, as the reading of its calls needs them
 * (importerCalls.ts): `async function crossValidate(cfg, data) { ... createScorer(N, cfg) }`,
 * called once by main() as `crossValidate(cfg, data)`, receives exactly that call's arguments;
 * and handing a value to such a function changes the value only where the function changes its
 * parameter. Globals that only read their arguments (`console.log`, `JSON.stringify`) change
 * nothing either.
 */
import ts from 'typescript';
import { hasModifier } from './modifiers';

const {
  SyntaxKind, forEachChild, isArrowFunction, isCallExpression, isFunctionDeclaration, isFunctionExpression, isFunctionLike, isIdentifier,
  isPropertyAccessExpression, isVariableStatement, isObjectBindingPattern, isArrayBindingPattern, isBindingElement,
} = ts;

export type OwnFunctionNode = ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression;

export interface OwnFunction {
  node: OwnFunctionNode;
  /** Its calls by name, each with the function it is written in (undefined: the top level) and whether a loop of that function repeats it. */
  calls: { call: ts.CallExpression; in: ts.Node | undefined; inLoop: boolean }[];
  /** Uses of its name other than its declaration and those calls (passed on, exported): it may run elsewhere. */
  otherUses: number;
}

/**
 * The file's top-level functions that no `export` names (`function f() {}`, `const f = () =>
 * ...`), by name, with their calls; a name declared twice at the top level is none of them.
 */
export function ownFunctionsOf(sourceFile: ts.SourceFile): Map<string, OwnFunction> {
  const own = new Map<string, OwnFunction>();
  const twice = new Set<string>();
  const add = (name: string, node: OwnFunctionNode) => {
    if (own.has(name)) twice.add(name);
    own.set(name, { node, calls: [], otherUses: 0 });
  };
  for (const statement of sourceFile.statements) {
    if (hasModifier(statement, SyntaxKind.ExportKeyword)) continue;
    if (isFunctionDeclaration(statement) && statement.name && statement.body) add(statement.name.text, statement);
    else if (isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer;
        if (isIdentifier(declaration.name) && init && (isArrowFunction(init) || isFunctionExpression(init))) add(declaration.name.text, init);
      }
    }
  }
  for (const name of twice) own.delete(name);
  if (own.size === 0) return own;
  walkWithPlaces(sourceFile, (node, place) => {
    if (isIdentifier(node) && own.has(node.text)) own.get(node.text)!.otherUses++;
    if (isCallExpression(node) && isIdentifier(node.expression) && own.has(node.expression.text)) {
      const fn = own.get(node.expression.text)!;
      fn.calls.push({ call: node, ...place });
      // The callee's name is a use by this call, not another one.
      fn.otherUses--;
    }
  });
  // Each declaration names itself once.
  for (const fn of own.values()) fn.otherUses--;
  return own;
}

/**
 * Walks the file's nodes, telling `visit` of each the function it is written in (undefined: the
 * top level) and whether a loop of that function encloses it.
 */
function walkWithPlaces(sourceFile: ts.SourceFile, visit: (node: ts.Node, place: { in: ts.Node | undefined; inLoop: boolean }) => void): void {
  const functions: { node: ts.Node | undefined; loops: number }[] = [{ node: undefined, loops: 0 }];
  const walk = (node: ts.Node): void => {
    const current = functions[functions.length - 1];
    visit(node, { in: current.node, inLoop: current.loops > 0 });
    const opens = isFunctionLike(node);
    const loops = ts.isIterationStatement(node, false);
    if (opens) functions.push({ node, loops: 0 });
    else if (loops) current.loops++;
    forEachChild(node, walk);
    if (opens) functions.pop();
    else if (loops) current.loops--;
  };
  forEachChild(sourceFile, walk);
}

/** The one call of the function, when it has exactly one and nothing else names it (a loop may repeat it). */
export function onlyCall(fn: OwnFunction): OwnFunction['calls'][number] | undefined {
  return fn.calls.length === 1 && fn.otherUses === 0 ? fn.calls[0] : undefined;
}

/** The one call of the function, when it has exactly one, no loop repeats it (with other arguments each time) and nothing else names it. */
export function singleCall(fn: OwnFunction): { call: ts.CallExpression; in: ts.Node | undefined } | undefined {
  const call = onlyCall(fn);
  return call && !call.inLoop ? call : undefined;
}

/** The own function whose node is `node`, if any. */
export function ownFunctionAt(functions: ReadonlyMap<string, OwnFunction>, node: ts.Node): OwnFunction | undefined {
  for (const own of functions.values()) if (own.node === node) return own;
  return undefined;
}

/** Of `const` declarations (each naming one identifier), those whose name no other of them declares. */
export function declaredOnce(constants: readonly ts.VariableDeclaration[]): ts.VariableDeclaration[] {
  const nameOf = (declaration: ts.VariableDeclaration) => (declaration.name as ts.Identifier).text;
  const counts = new Map<string, number>();
  for (const declaration of constants) counts.set(nameOf(declaration), (counts.get(nameOf(declaration)) ?? 0) + 1);
  return constants.filter((declaration) => counts.get(nameOf(declaration)) === 1);
}

/**
 * Whether the function may change what its call passes at `index`: it changes the parameter
 * there (`isChanged` of a name it binds), gathers it in a rest parameter, or has no parameter
 * there and reads `arguments`.
 */
export function mayChangeArgument(fn: OwnFunction, index: number, isChanged: (name: string) => boolean): boolean {
  const parameter = fn.node.parameters[index];
  if (!parameter) return readsArguments(fn.node);
  if (parameter.dotDotDotToken) return true;
  return boundNames(parameter.name).some(isChanged);
}

function readsArguments(node: ts.Node): boolean {
  return forEachChild(node, (child) => (isIdentifier(child) && child.text === 'arguments') || (!isFunctionLike(child) && readsArguments(child)) || undefined) === true;
}

/**
 * Whether a function of another file may change what its call passes at `index`, read from its
 * body: it assigns, deletes or counts through the parameter, calls a method on it, hands it (or
 * a member) to a call other than a global that only reads (`Object.entries(cfg)`), keeps it under
 * another name or returns it, or the parameter is a rest, a pattern or missing (`arguments`). A function that only reads it
 * (`describe(cfg)` that formats its entries) changes nothing.
 */
export function mayChangeParameter(fn: ts.FunctionLikeDeclaration, index: number): boolean {
  const parameter = fn.parameters[index];
  if (!parameter || parameter.dotDotDotToken || !isIdentifier(parameter.name) || !fn.body) return true;
  const name = parameter.name.text;
  const rootIs = (node: ts.Expression): boolean => {
    let current = node;
    while (isPropertyAccessExpression(current) || ts.isElementAccessExpression(current) || ts.isParenthesizedExpression(current) || ts.isNonNullExpression(current)) current = current.expression;
    return isIdentifier(current) && current.text === name;
  };
  const changes = (node: ts.Node): boolean => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= SyntaxKind.FirstAssignment && node.operatorToken.kind <= SyntaxKind.LastAssignment && rootIs(node.left)) return true;
    if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === SyntaxKind.PlusPlusToken || node.operator === SyntaxKind.MinusMinusToken) && rootIs(node.operand)) return true;
    if (ts.isDeleteExpression(node) && rootIs(node.expression)) return true;
    if (isCallExpression(node) || ts.isNewExpression(node)) {
      if (isCallExpression(node) && isPropertyAccessExpression(node.expression) && rootIs(node.expression.expression) && !readsWithoutCallback(node)) return true;
      if (!(isCallExpression(node) && readsOnly(node.expression)) && (node.arguments ?? []).some((argument) => rootIs(ts.isSpreadElement(argument) ? argument.expression : argument))) return true;
    }
    // Kept under another name (`const opts = cfg`) or returned, it may be changed through that one.
    if (ts.isVariableDeclaration(node) && node.initializer && isIdentifier(skipParentheses(node.initializer)) && rootIs(node.initializer)) return true;
    if ((ts.isReturnStatement(node) || (ts.isArrowFunction(node) && node !== fn && !ts.isBlock(node.body))) && returnsParameter(node, name)) return true;
    // A nested function declaring a parameter of the same name reads its own.
    if (isFunctionLike(node) && node !== fn && node.parameters.some((inner) => boundNames(inner.name).includes(name))) return false;
    return forEachChild(node, changes) === true;
  };
  // An arrow function's expression body is what it returns.
  if (ts.isArrowFunction(fn) && returnsParameter(fn, name)) return true;
  return forEachChild(fn.body, changes) === true || readsArguments(fn.body);
}

/** Array and string methods that read their receiver and change nothing (`cfg.anchors.forEach(...)`, `cfg.classes.indexOf(label)`). */
export const READING_METHODS: ReadonlySet<string> = new Set(['forEach', 'map', 'filter', 'find', 'findIndex', 'indexOf', 'lastIndexOf', 'includes', 'some', 'every', 'reduce', 'slice', 'join', 'at', 'toFixed', 'toString']);

/** `p.filters.join('/')`: a reading method handed no function, which could change the items it is given. */
function readsWithoutCallback(call: ts.CallExpression): boolean {
  return READING_METHODS.has((call.expression as ts.PropertyAccessExpression).name.text) && !call.arguments.some((argument) => isFunctionLike(argument) || isIdentifier(argument));
}

/** `return cfg`, `() => cfg`: the caller gets the object itself (a member read, `cfg.lr`, is a value). */
function returnsParameter(node: ts.ReturnStatement | ts.ArrowFunction, name: string): boolean {
  const returned = ts.isReturnStatement(node) ? node.expression : (node.body as ts.Expression);
  const inner = returned && skipParentheses(returned);
  return inner !== undefined && isIdentifier(inner) && inner.text === name;
}

function skipParentheses(node: ts.Expression): ts.Expression {
  return ts.isParenthesizedExpression(node) ? skipParentheses(node.expression) : node;
}

/** The names a parameter binds (`cfg`, or each name of `{ windowSize, horizon }`). */
export function boundNames(name: ts.BindingName): string[] {
  if (isIdentifier(name)) return [name.text];
  if (isObjectBindingPattern(name) || isArrayBindingPattern(name)) return name.elements.flatMap((element) => (isBindingElement(element) ? boundNames(element.name) : []));
  return [];
}

/** Globals whose calls read their arguments and change none. */
const READ_ONLY_GLOBALS: ReadonlyMap<string, ReadonlySet<string> | 'all'> = new Map<string, ReadonlySet<string> | 'all'>([
  ['console', 'all'],
  ['Math', 'all'],
  ['JSON', new Set(['stringify'])],
  ['Object', new Set(['keys', 'values', 'entries', 'isFrozen'])],
  ['Array', new Set(['isArray'])],
  ['Number', new Set(['isFinite', 'isInteger', 'isNaN'])],
]);
const READ_ONLY_FUNCTIONS: ReadonlySet<string> = new Set(['String', 'Number', 'Boolean', 'parseInt', 'parseFloat', 'isNaN', 'isFinite']);

/** `tf.x(...)`, `tf.layers.x(...)`: a function of the namespace as files bind it (`import * as tf`), not of `tf.util`. */
function isTfjsFunction(callee: ts.Expression): boolean {
  const path: string[] = [];
  let node = callee;
  while (isPropertyAccessExpression(node)) {
    path.unshift(node.name.text);
    node = node.expression;
  }
  return isIdentifier(node) && node.text === 'tf' && path.length > 0 && path[0] !== 'util';
}

/**
 * Whether the callee is a global that only reads its arguments (`console.log(cfg)`,
 * `JSON.stringify(spec)`), or a tfjs function (`tf.oneHot(labels, m.classes)`, `tf.layers.dense({
 * units: m.units })`): tfjs copies what it is handed, except `tf.util`'s helpers (`shuffle` works
 * in place).
 */
export function readsOnly(callee: ts.Expression): boolean {
  if (isIdentifier(callee)) return READ_ONLY_FUNCTIONS.has(callee.text);
  if (isTfjsFunction(callee)) return true;
  if (!isPropertyAccessExpression(callee) || !isIdentifier(callee.expression)) return false;
  const methods = READ_ONLY_GLOBALS.get(callee.expression.text);
  return methods === 'all' || (methods !== undefined && methods.has(callee.name.text));
}

/** The names declared in a function (its parameters, its locals, the functions and classes it declares), not inside the functions it holds. */
export function namesDeclaredIn(fn: ts.FunctionLikeDeclaration): Set<string> {
  const names = new Set(fn.parameters.flatMap((parameter) => boundNames(parameter.name)));
  const visit = (node: ts.Node): void => {
    if ((ts.isVariableDeclaration(node) || ts.isBindingElement(node)) && isIdentifier(node.name)) names.add(node.name.text);
    if ((isFunctionDeclaration(node) || ts.isClassDeclaration(node)) && node.name) names.add(node.name.text);
    if (ts.isCatchClause(node) && node.variableDeclaration) boundNames(node.variableDeclaration.name).forEach((name) => names.add(name));
    if (!isFunctionLike(node) && !ts.isClassLike(node)) forEachChild(node, visit);
  };
  if (fn.body) forEachChild(fn.body, visit);
  return names;
}

/** The `const name = ...` declarations of a function, in source order, not inside the functions it holds. */
export function constantsOf(fn: OwnFunctionNode): ts.VariableDeclaration[] {
  const found: ts.VariableDeclaration[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclarationList(node) && (node.flags & ts.NodeFlags.Const) !== 0) {
      for (const declaration of node.declarations) if (isIdentifier(declaration.name) && declaration.initializer) found.push(declaration);
    }
    if (!isFunctionLike(node) && !ts.isClassLike(node)) forEachChild(node, visit);
  };
  if (fn.body) forEachChild(fn.body, visit);
  return found;
}

/**
 * The one `new Name(...)` of a class the importer declares at its top level, not exported, when
 * nothing else names the class (extended, stored, passed on): its constructor runs once, with
 * that construction's arguments (no loop of its function repeats it). With the function the
 * construction is written in (undefined: the top level).
 */
export function onlyConstruction(sourceFile: ts.SourceFile, declaration: ts.ClassDeclaration): { node: ts.NewExpression; in: ts.Node | undefined } | undefined {
  const name = declaration.name?.text;
  if (name === undefined || hasModifier(declaration, SyntaxKind.ExportKeyword)) return undefined;
  let site: { node: ts.NewExpression; in: ts.Node | undefined } | undefined;
  let mentions = 0;
  walkWithPlaces(sourceFile, (node, place) => {
    if (isIdentifier(node) && node.text === name && node !== declaration.name) mentions++;
    if (ts.isNewExpression(node) && isIdentifier(node.expression) && node.expression.text === name) site = place.inLoop ? undefined : { node, in: place.in };
  });
  return mentions === 1 ? site : undefined;
}

/** The top-level class declaration whose constructor `node` is, if any. */
export function classOfConstructor(sourceFile: ts.SourceFile, node: ts.Node): ts.ClassDeclaration | undefined {
  if (!ts.isConstructorDeclaration(node)) return undefined;
  return sourceFile.statements.find((statement): statement is ts.ClassDeclaration => ts.isClassDeclaration(statement) && statement.members.includes(node));
}
