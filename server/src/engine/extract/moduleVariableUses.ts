/**
 * What a file does with a variable its top level declares (`let previewModel = null`, set later
 * by `previewModel = buildPreviewModel()`, or `const blankNet = ...`), read across every function: the
 * methods it calls on it, directly or through a parameter of a function of the file it passes it
 * to (`measureLatency(latencyProbe)` whose `model` is only predicted), when that is all the file
 * does with it besides assigning it and testing it (`if (previewModel)`). Nothing else may touch
 * it: a value stored, returned, exported or handed to other code may be trained there, except
 * a memo's value returned by the one builder that keeps it (`if (latencyNet) return latencyNet;`).
 */
import ts from 'typescript';
import { hasModifier } from './modifiers';
import { isDependencyList } from './reactHookCalls';

const { SyntaxKind, isBinaryExpression, isCallExpression, isIdentifier, isPropertyAccessExpression, isVariableDeclaration, isVariableStatement } = ts;

/** Operators that test a value without handing it on. */
const TESTS = new Set([
  SyntaxKind.AmpersandAmpersandToken,
  SyntaxKind.BarBarToken,
  SyntaxKind.QuestionQuestionToken,
  SyntaxKind.EqualsEqualsEqualsToken,
  SyntaxKind.ExclamationEqualsEqualsToken,
  SyntaxKind.EqualsEqualsToken,
  SyntaxKind.ExclamationEqualsToken,
]);

/** Assignments that put a value in a name (a memo's `probe ??= build()` too), handing nothing on. */
export const ASSIGNING: ReadonlySet<ts.SyntaxKind> = new Set([SyntaxKind.EqualsToken, SyntaxKind.BarBarEqualsToken, SyntaxKind.QuestionQuestionEqualsToken]);

/**
 * The methods of `allowed` the file calls on the top-level variable `name`, or on its member
 * `member` (`state.probe` of a `const state = { probe: null }`), or undefined when it is not such a
 * variable (not declared there, exported, hidden by a local name), some use of the value is not
 * one of those calls, an assignment to it, a test or a return by `returnedBy` (whose callers
 * then hold the value), or (for a member) the object itself is handed on.
 */
export function methodsCalledOnModuleVariable(sourceFile: Statements, name: string, allowed: ReadonlySet<string>, member?: string, returnedBy?: ts.FunctionLikeDeclaration): Set<string> | undefined {
  const declaration = topLevelDeclaration(sourceFile, name);
  if (!declaration) return undefined;
  const called = new Set<string>();
  const usedOnlySo = onlyLookedAt(sourceFile, allowed, called, returnedBy ? ownReturns(returnedBy) : new Set());
  const mention = (node: ts.Identifier, parent: ts.Node, grandparent: ts.Node | undefined, greatGrandparent: ts.Node | undefined): boolean => {
    if (isVariableDeclaration(parent) && parent.name === node) return parent === declaration;
    if (member === undefined) return usedOnlySo(node, parent, grandparent, greatGrandparent);
    // Only members of the object are read or written; the one that holds the model, as a value is.
    if (!isPropertyAccessExpression(parent) || parent.expression !== node) return isPropertyAccessExpression(parent) && parent.name === node;
    return parent.name.text !== member || (grandparent !== undefined && usedOnlySo(parent, grandparent, greatGrandparent));
  };
  return everyMention(sourceFile, name, mention) ? called : undefined;
}

/**
 * The methods of `allowed` the file calls on a class's own member (`this.targetCritic`, set to a
 * model in the constructor), or undefined when the file mentions that name otherwise than as
 * `x.targetCritic` read for such a call or assigned, or where code outside the file may reach it
 * (the class is exported and the member is not private).
 */
export function methodsCalledOnOwnMember(sourceFile: ts.SourceFile, owner: ts.ClassLikeDeclaration, member: string, allowed: ReadonlySet<string>): Set<string> | undefined {
  const declared = owner.members.find((candidate) => ts.isPropertyDeclaration(candidate) && candidate.name.getText(sourceFile) === member);
  const hidden = member.startsWith('#') || (declared !== undefined && hasModifier(declared, SyntaxKind.PrivateKeyword));
  if (!hidden && exportsClass(sourceFile, owner)) return undefined;
  const called = new Set<string>();
  const usedOnlySo = onlyLookedAt(sourceFile, allowed, called, new Set());
  const visit = (node: ts.Node, parent: ts.Node | undefined, grandparent: ts.Node | undefined): boolean => {
    if ((isIdentifier(node) || ts.isPrivateIdentifier(node)) && node.text === member) {
      if (parent && ts.isPropertyDeclaration(parent) && parent.name === node) return true;
      // `x.targetCritic` read for an allowed call (or assigned): its grandparent says how.
      return parent !== undefined && isPropertyAccessExpression(parent) && parent.name === node && grandparent !== undefined && usedOnlySo(parent, grandparent);
    }
    return ts.forEachChild(node, (child) => (visit(child, node, parent) ? undefined : true)) === undefined;
  };
  return visit(sourceFile, undefined, undefined) ? called : undefined;
}

/** `export class C`, `export default C`, `export { C }`, `module.exports = C`, `exports.C = C`: code outside the file may make instances. */
function exportsClass(sourceFile: ts.SourceFile, owner: ts.ClassLikeDeclaration): boolean {
  if (hasModifier(owner, SyntaxKind.ExportKeyword) || !owner.name) return true;
  const name = owner.name.text;
  return sourceFile.statements.some((statement) => {
    const exporting = ts.isExportAssignment(statement) || ts.isExportDeclaration(statement) || (ts.isExpressionStatement(statement) && /\bexports\b/.test(statement.getText(sourceFile)));
    return exporting && new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(statement.getText(sourceFile));
  });
}

/**
 * The methods of `allowed` that `root` (a statement) calls on the value `name` holds, directly or
 * through a parameter of a function of the file it passes it to (`measureLatency(probe)`) or of
 * `imported` (the analysed file's functions an importer binds, importedFunctions.ts), or
 * undefined when some mention of it there does more (onlyLookedAt).
 */
export function methodsCalledIn(sourceFile: ts.SourceFile, root: ts.Node, name: string, allowed: ReadonlySet<string>, imported?: ReadonlyMap<string, ts.SignatureDeclaration>): Set<string> | undefined {
  const called = new Set<string>();
  const looks = onlyLookedAt(sourceFile, allowed, called, new Set(), imported);
  return everyMention(root, name, looks) ? called : undefined;
}

/**
 * Whether one mention of a value only looks at it: reads a method of `allowed` (noted in
 * `called`), tests it, assigns it, is one of `returns`, or passes it to a function of the file
 * whose parameter is only looked at so.
 */
function onlyLookedAt(
  sourceFile: Statements,
  allowed: ReadonlySet<string>,
  called: Set<string>,
  returns: ReadonlySet<ts.ReturnStatement>,
  imported?: ReadonlyMap<string, ts.SignatureDeclaration>,
): (node: ts.Node, parent: ts.Node, grandparent?: ts.Node, greatGrandparent?: ts.Node) => boolean {
  const functions = imported ? new Map([...imported, ...topLevelFunctions(sourceFile)]) : topLevelFunctions(sourceFile);
  const aliases = new Set<ts.VariableDeclaration>();
  // `const net = policy ?? preview; net.predict(x)`: the value is looked at through the alias.
  const throughAlias = (alias: ts.VariableDeclaration): boolean => {
    if (aliases.has(alias)) return true; // checked already, or being checked further up
    aliases.add(alias);
    const name = (alias.name as ts.Identifier).text;
    // Every mention in the file, in every function: any other binding by that name fails the check.
    return everyMention(sourceFile, name, (node, parent, grandparent, greatGrandparent) =>
      isVariableDeclaration(parent) && parent.name === node
        ? parent === alias && grandparent !== undefined && ts.isVariableDeclarationList(grandparent) && (grandparent.flags & ts.NodeFlags.Const) !== 0
        : look(node, parent, grandparent, greatGrandparent),
    false);
  };
  const look = (node: ts.Node, parent: ts.Node, grandparent?: ts.Node, greatGrandparent?: ts.Node): boolean => {
    const alias = aliasDeclaration(node, parent, grandparent);
    if (alias) return throughAlias(alias);
    // `shadow.current!.predict(x)`, `probe as tf.Sequential`: the value itself, typed or checked.
    if (ts.isNonNullExpression(parent) || ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isSatisfiesExpression(parent)) return grandparent !== undefined && look(parent, grandparent, greatGrandparent);
    if (ts.isReturnStatement(parent)) return returns.has(parent);
    if (isPropertyAccessExpression(parent)) return parent.name === node || (parent.expression === node && calls(parent, allowed, called));
    if (ts.isPropertyAssignment(parent) && parent.name === node) return true;
    if (isBinaryExpression(parent)) return (ASSIGNING.has(parent.operatorToken.kind) && parent.left === node) || TESTS.has(parent.operatorToken.kind);
    if (ts.isPrefixUnaryExpression(parent)) return parent.operator === SyntaxKind.ExclamationToken;
    if (ts.isIfStatement(parent) || ts.isConditionalExpression(parent)) return true;
    if (ts.isArrayLiteralExpression(parent)) return grandparent !== undefined && isCallExpression(grandparent) && isDependencyList(grandparent, parent);
    if (isCallExpression(parent) && parent.expression !== node) return passedToOnlyCalls(parent, node, functions, allowed, called);
    return false;
  };
  return look;
}

/**
 * The `const` a mention's value is bound to, as itself or as one of the values a choice may take:
 * `const net = preview`, `const net = policy ?? preview` (or `||`), `const net = ready ? policy : preview`.
 */
function aliasDeclaration(node: ts.Node, parent: ts.Node, grandparent: ts.Node | undefined): ts.VariableDeclaration | undefined {
  if (isVariableDeclaration(parent)) return parent.initializer === node && isIdentifier(parent.name) ? parent : undefined;
  const choice =
    (isBinaryExpression(parent) && CHOICES.has(parent.operatorToken.kind)) || (ts.isConditionalExpression(parent) && parent.condition !== node);
  return choice && grandparent && isVariableDeclaration(grandparent) && grandparent.initializer === parent && isIdentifier(grandparent.name) ? grandparent : undefined;
}

/** Operators whose value is one of their operands. */
const CHOICES: ReadonlySet<ts.SyntaxKind> = new Set([SyntaxKind.BarBarToken, SyntaxKind.QuestionQuestionToken]);

/**
 * Whether `test` holds of every identifier `name` in `root`, with its three nearest ancestors;
 * `skipOwnBindings` false visits functions that bind the name themselves too.
 */
function everyMention(
  root: ts.Node,
  name: string,
  test: (node: ts.Identifier, parent: ts.Node, grandparent: ts.Node | undefined, greatGrandparent: ts.Node | undefined) => boolean,
  skipOwnBindings = true,
): boolean {
  const visit = (node: ts.Node, parent: ts.Node, grandparent: ts.Node | undefined, greatGrandparent: ts.Node | undefined): boolean => {
    if (isIdentifier(node) && node.text === name && !test(node, parent, grandparent, greatGrandparent)) return false;
    // A function with a binding of its own by that name (`const preview = tf.sequential()` in
    // the builder of the page's `preview`) mentions that binding, not this one.
    if (skipOwnBindings && node !== root && ts.isFunctionLike(node) && bindsOwn(node, name)) return true;
    return ts.forEachChild(node, (child) => (visit(child, node, parent, grandparent) ? undefined : true)) === undefined;
  };
  return ts.forEachChild(root, (child) => (visit(child, root, undefined, undefined) ? undefined : true)) === undefined;
}

/**
 * Whether a function's body's own statements declare `name`. A parameter of that name is not
 * counted: a page's inline handler may call the function with the value itself (`train(previewModel)`).
 */
function bindsOwn(fn: ts.SignatureDeclaration, name: string): boolean {
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body || !ts.isBlock(body)) return false;
  return topLevelDeclaration(body, name) !== undefined || body.statements.some((statement) => ts.isFunctionDeclaration(statement) && statement.name?.text === name);
}

/** `x.method` read to be called, for a method of `allowed`: noted in `called`. */
function calls(access: ts.PropertyAccessExpression, allowed: ReadonlySet<string>, called: Set<string>): boolean {
  if (!allowed.has(access.name.text)) return false;
  called.add(access.name.text);
  return true;
}

/** `measureLatency(probe)`: a function of the file whose parameter at that place is only called `allowed` methods on. */
function passedToOnlyCalls(call: ts.CallExpression, argument: ts.Node, functions: ReadonlyMap<string, ts.SignatureDeclaration>, allowed: ReadonlySet<string>, called: Set<string>): boolean {
  const fn = isIdentifier(call.expression) ? functions.get(call.expression.text) : undefined;
  const parameter = fn?.parameters[call.arguments.indexOf(argument as ts.Expression)];
  if (!fn || !parameter || !isIdentifier(parameter.name) || parameter.dotDotDotToken) return false;
  const name = parameter.name.text;
  const onlyCalled = (node: ts.Identifier, parent: ts.Node) =>
    (isVariableDeclaration(parent) || ts.isParameter(parent) ? parent.name === node && parent === parameter : false) ||
    (isPropertyAccessExpression(parent) && (parent.name === node || (parent.expression === node && calls(parent, allowed, called))));
  return everyMention(fn, name, onlyCalled);
}

/** The return statements of `fn` itself, not of the functions inside it. */
export function ownReturns(fn: ts.FunctionLikeDeclaration): Set<ts.ReturnStatement> {
  const returns = new Set<ts.ReturnStatement>();
  const visit = (node: ts.Node): void => {
    if (ts.isReturnStatement(node)) returns.add(node);
    if (!ts.isFunctionLike(node)) ts.forEachChild(node, visit);
  };
  if (fn.body) ts.forEachChild(fn.body, visit);
  return returns;
}

/**
 * The call of `name` that is the file's one mention of it besides its declaration (`const net =
 * latencyNetwork();`), if so: a builder no other code reaches, whose value (and memo) only that
 * call's code sees. `callsBy`: calls that call the function handed as their first argument and
 * return its value, which count as its call (`useMemo(buildShadow, [])`).
 */
export function onlyCallInFile(sourceFile: ts.SourceFile, name: string, callsBy?: (call: ts.CallExpression) => boolean): ts.CallExpression | undefined {
  let call: ts.CallExpression | undefined;
  let mentions = 0;
  const mention = (node: ts.Identifier, parent: ts.Node): boolean => {
    if ((ts.isFunctionDeclaration(parent) || isVariableDeclaration(parent)) && parent.name === node) return true;
    mentions++;
    // `useMemo(buildShadow, [])`: a call that calls the function it is handed, and returns its value.
    if (isCallExpression(parent) && (parent.expression === node || (callsBy?.(parent) === true && parent.arguments[0] === node))) call = parent;
    return call === parent;
  };
  return everyMention(sourceFile, name, mention) && mentions === 1 ? call : undefined;
}

/**
 * Where a variable is declared: the file's top level, or a function's body the whole program
 * lives in (a page script's `(function () { const state = ...; window.app = {...}; })()`).
 */
export type Statements = ts.SourceFile | ts.Block;

/** `let name = ...;`, `const name = ...;` or `var name;` among the file's own statements, not exported. */
export function topLevelDeclaration(sourceFile: Statements, name: string): ts.VariableDeclaration | undefined {
  for (const statement of sourceFile.statements) {
    if (!isVariableStatement(statement) || hasModifier(statement, SyntaxKind.ExportKeyword)) continue;
    const declaration = statement.declarationList.declarations.find((candidate) => isIdentifier(candidate.name) && candidate.name.text === name);
    if (declaration) return declaration;
  }
  return undefined;
}

/** The functions the file declares at its top level by name (`function f()`, `const f = () => ...`). */
function topLevelFunctions(sourceFile: Statements): Map<string, ts.SignatureDeclaration> {
  const functions = new Map<string, ts.SignatureDeclaration>();
  for (const statement of sourceFile.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name && statement.body) functions.set(statement.name.text, statement);
    if (!isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const value = declaration.initializer;
      if (isIdentifier(declaration.name) && value && (ts.isArrowFunction(value) || ts.isFunctionExpression(value))) functions.set(declaration.name.text, value);
    }
  }
  return functions;
}
