/**
 * The global `tf` of a `<script src=".../tf.min.js">` page: browser code that never imports tfjs
 * and reads it as a free identifier. A file counts only when `tf` is used as a namespace
 * (`tf.sequential`, `tf.layers.x`) outside any function whose parameter is named `tf`, or read
 * as `window.tf` (an IIFE handed the global as its parameter `tf`), and `tf` is declared nowhere
 * in the file: `const tf = loadSomething()`, `import tf from 'other'`, a class or function named
 * `tf` make it something else. An ambient `declare const tf: ...` only gives the
 * global a type, so it does not count as a declaration.
 */
import ts from 'typescript';
import { isIdentifierChar } from './identifierChars';
import { hasModifier } from './modifiers';

// TypeScript exports its API through getters: read what the walk uses once.
const { SyntaxKind, forEachChild, isBindingElement, isIdentifier, isObjectBindingPattern, isArrayBindingPattern } = ts;

const NAME = 'tf';

/** The global object's names in pages, workers and Node: `window.tf` is the script-tag global too. */
export const GLOBAL_OBJECTS = ['window', 'globalThis', 'self'];

/**
 * Cheap text test (no parse): `tf.` somewhere not preceded by an identifier character or a dot,
 * or preceded by a global object (`window.tf.`). The analysis pre-check runs it on every file, so
 * it only scans with indexOf.
 */
export function mayUseGlobalTf(text: string): boolean {
  for (let at = text.indexOf('tf.'); at >= 0; at = text.indexOf('tf.', at + 3)) {
    if (at === 0 || !continuesName(text.charCodeAt(at - 1))) return true;
    if (GLOBAL_OBJECTS.some((name) => text.startsWith(`${name}.`, at - name.length - 1))) return true;
  }
  return false;
}

/** `tf` as a whole word not directly followed by a dot (a declaration, a parameter, `tf?.x`, ...). */
function hasBareName(text: string): boolean {
  for (let at = text.indexOf(NAME); at >= 0; at = text.indexOf(NAME, at + NAME.length)) {
    if (at > 0 && continuesName(text.charCodeAt(at - 1))) continue;
    const next = text.charCodeAt(at + NAME.length);
    if (continuesName(next)) continue;
    return true;
  }
  return false;
}

/** An identifier character or a dot: `xtf.` and `a.tf.` are not the global. */
function continuesName(code: number): boolean {
  return isIdentifierChar(code) || code === 46;
}

const answers = new WeakMap<ts.SourceFile, boolean>();

/** Whether the module reads tfjs through the global `tf` (see the file comment); once per parse. */
export function usesGlobalTf(sourceFile: ts.SourceFile): boolean {
  let answer = answers.get(sourceFile);
  if (answer === undefined) {
    answer = readsGlobalTf(sourceFile);
    answers.set(sourceFile, answer);
  }
  return answer;
}

function readsGlobalTf(sourceFile: ts.SourceFile): boolean {
  const text = sourceFile.text;
  if (!mayUseGlobalTf(text)) return false;
  // Every `tf` written as `tf.`: nothing can declare or shadow it, so no walk of the tree is needed
  // (a `tf.` only in comments then binds a global nobody reads, which changes nothing).
  if (!hasBareName(text)) return true;
  let freeUse = false;
  let declared = false;
  const visit = (node: ts.Node, shadowed: boolean, ambient: boolean): void => {
    if (declared) return;
    const inAmbient = ambient || hasDeclareModifier(node);
    if (!inAmbient && declaresName(node)) {
      declared = true;
      return;
    }
    if (node.kind === SyntaxKind.PropertyAccessExpression) {
      const access = node as ts.PropertyAccessExpression;
      const object = access.expression;
      if (isIdentifier(object) && object.text === NAME && !shadowed) freeUse = true;
      // `(function (tf) { ... })(window.tf)`: the global read through the global object and passed in.
      // (`self` is often a local: `var self = this`.)
      if (isIdentifier(object) && (object.text === 'window' || object.text === 'globalThis') && access.name.text === NAME) freeUse = true;
    }
    if (node.kind === SyntaxKind.Parameter) {
      // A parameter binds `tf` only inside its function (handled there); walk its default and type.
      const parameter = node as ts.ParameterDeclaration;
      if (parameter.initializer) visit(parameter.initializer, shadowed, inAmbient);
      return;
    }
    const inner = shadowed || parameterBindsName(node);
    forEachChild(node, (child) => visit(child, inner, inAmbient));
  };
  visit(sourceFile, false, sourceFile.isDeclarationFile);
  return freeUse && !declared;
}

/** A declaration (other than a parameter) whose own name is `tf`. */
function declaresName(node: ts.Node): boolean {
  switch (node.kind) {
    case SyntaxKind.VariableDeclaration:
    case SyntaxKind.BindingElement:
    case SyntaxKind.FunctionDeclaration:
    case SyntaxKind.FunctionExpression:
    case SyntaxKind.ClassDeclaration:
    case SyntaxKind.ClassExpression:
    case SyntaxKind.ImportClause:
    case SyntaxKind.NamespaceImport:
    case SyntaxKind.ImportSpecifier:
    case SyntaxKind.ImportEqualsDeclaration:
    case SyntaxKind.EnumDeclaration:
    case SyntaxKind.ModuleDeclaration: {
      const name = (node as ts.NamedDeclaration).name;
      return name !== undefined && isIdentifier(name) && name.text === NAME;
    }
    default:
      return false;
  }
}

/** `declare const tf: ...`, `declare global { ... }`: types only, no value. */
export function hasDeclareModifier(node: ts.Node): boolean {
  return hasModifier(node, SyntaxKind.DeclareKeyword);
}

/** A function-like node one of whose parameters binds `tf` (by name or destructuring). */
function parameterBindsName(node: ts.Node): boolean {
  const parameters = (node as ts.SignatureDeclarationBase).parameters;
  if (!ts.isFunctionLike(node) || !parameters) return false;
  // A JSDoc function type's parameters (`x: function(string)` in half-typed code) have no name.
  return parameters.some((parameter) => parameter.name !== undefined && bindsName(parameter.name));
}

function bindsName(name: ts.BindingName): boolean {
  if (isIdentifier(name)) return name.text === NAME;
  if (isObjectBindingPattern(name) || isArrayBindingPattern(name)) {
    return name.elements.some((element) => isBindingElement(element) && bindsName(element.name));
  }
  return false;
}
