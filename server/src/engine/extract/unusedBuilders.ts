/**
 * A model built only inside a function nothing can run: declared in a module (ES or CommonJS),
 * not exported, and never named again in the file (no call, no callback such as
 * `button.onclick = train`, no `module.exports = { build }`). A first attempt kept for reference,
 * or a builder not wired up yet: the model is never built as the file stands, so its findings are
 * hints (analyze.ts), which the editor still shows, instead of warnings. A script without module
 * syntax is left alone: a page's inline handlers may call its functions.
 */
import ts from 'typescript';
import type { ModelIR } from '../ir';
import { ancestorsOf } from './ancestors';
import { hasModifier } from './modifiers';

const { SyntaxKind, isArrowFunction, isFunctionDeclaration, isFunctionExpression, isIdentifier, isStringLiteralLike, isVariableDeclaration, isVariableStatement } = ts;

/** Marks each model built only inside a function that nothing names (ModelIR.unusedBuilder). */
export function markUnusedBuilders(models: readonly ModelIR[], sourceFile: ts.SourceFile, text: string): void {
  if (models.length === 0 || !isModule(sourceFile, text)) return;
  const mentions = mentionCounter(sourceFile);
  for (const model of models) {
    if (model.builtIn !== undefined) continue;
    const name = unusedBuilderOf(sourceFile, model, mentions);
    if (name) model.unusedBuilder = name;
  }
}

function isModule(sourceFile: ts.SourceFile, text: string): boolean {
  return ts.isExternalModule(sourceFile) || /\brequire\s*\(|\bmodule\.exports\b|\bexports\.[\w$]/.test(text);
}

function unusedBuilderOf(sourceFile: ts.SourceFile, model: ModelIR, mentions: (name: string) => number): string | undefined {
  const ancestors = ancestorsOf(sourceFile, model.span);
  if (!ancestors) return undefined;
  for (let i = 0; i < ancestors.length; i++) {
    const name = functionName(ancestors[i]);
    // `export const build = () => ...`: the modifier is on the statement two levels up (declaration list between).
    const exported = hasModifier(ancestors[i], SyntaxKind.ExportKeyword) || (i >= 2 && isVariableStatement(ancestors[i - 2]) && hasModifier(ancestors[i - 2], SyntaxKind.ExportKeyword));
    if (name !== undefined && !exported && mentions(name) === 1) return name;
  }
  return undefined;
}

/** `function build() {}` or `const build = () => {}` / `= function () {}`: the name it declares. */
function functionName(node: ts.Node): string | undefined {
  if (isFunctionDeclaration(node)) return node.name?.text;
  if (isVariableDeclaration(node) && isIdentifier(node.name) && node.initializer && (isArrowFunction(node.initializer) || isFunctionExpression(node.initializer))) return node.name.text;
  return undefined;
}

/**
 * How often the code names each name: identifiers (a call, a reference, a property of that name)
 * and strings (`window['train']`); comments do not count (`// const model = build();`). Counted in
 * one walk of the file, made only when a model sits in a function that is not exported.
 */
function mentionCounter(sourceFile: ts.SourceFile): (name: string) => number {
  let counts: Map<string, number> | undefined;
  return (name) => {
    if (!counts) {
      const found = new Map<string, number>();
      const visit = (node: ts.Node): void => {
        if (isIdentifier(node) || isStringLiteralLike(node)) found.set(node.text, (found.get(node.text) ?? 0) + 1);
        ts.forEachChild(node, visit);
      };
      visit(sourceFile);
      counts = found;
    }
    return counts.get(name) ?? 0;
  };
}
