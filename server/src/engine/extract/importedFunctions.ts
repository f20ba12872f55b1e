/**
 * The analysed file's functions that an importer binds by name (`const { timeForwardPass } =
 * require('./model.cjs')`, `import { measure as time } from './model'`): a model left in the
 * importer and handed to one of them is looked at there as the function's own code does with it
 * (abandonedModels.ts, moduleVariableUses.ts).
 */
import ts from 'typescript';
import { hasModifier } from './modifiers';
import { moduleBindingsOf } from './moduleBindings';
import { specifierReaches } from './specifiers';

const { SyntaxKind, isArrowFunction, isBinaryExpression, isExportDeclaration, isExpressionStatement, isFunctionDeclaration, isFunctionExpression, isIdentifier, isNamedExports, isObjectLiteralExpression, isPropertyAccessExpression, isPropertyAssignment, isShorthandPropertyAssignment, isVariableStatement } = ts;

/** By the importer's local name, the analysed file's exported top-level functions it binds. */
export function functionsImportedFrom(importer: ts.SourceFile, analysed: ts.SourceFile): Map<string, ts.SignatureDeclaration> {
  const found = new Map<string, ts.SignatureDeclaration>();
  const exported = exportedFunctionsOf(analysed);
  if (exported.size === 0) return found;
  for (const binding of moduleBindingsOf(importer)) {
    if (binding.typeOnly || !specifierReaches(importer.fileName, binding.specifier, analysed.fileName)) continue;
    for (const [local, name] of binding.names) {
      const fn = exported.get(name);
      if (fn) found.set(local, fn);
    }
  }
  return found;
}

/**
 * The file's top-level functions by the names it exports them under: `export function f`,
 * `export const f = () => ...`, `export { f as g }`, `module.exports = { f, g: f }`.
 */
function exportedFunctionsOf(sourceFile: ts.SourceFile): Map<string, ts.SignatureDeclaration> {
  const own = new Map<string, ts.SignatureDeclaration>();
  const exported = new Map<string, ts.SignatureDeclaration>();
  for (const statement of sourceFile.statements) {
    const isExported = hasModifier(statement, SyntaxKind.ExportKeyword);
    if (isFunctionDeclaration(statement) && statement.name && statement.body) {
      own.set(statement.name.text, statement);
      if (isExported) exported.set(statement.name.text, statement);
    } else if (isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const value = declaration.initializer;
        if (!isIdentifier(declaration.name) || !value || !(isArrowFunction(value) || isFunctionExpression(value))) continue;
        own.set(declaration.name.text, value);
        if (isExported) exported.set(declaration.name.text, value);
      }
    }
  }
  const exportAs = (name: string, local: ts.Expression | ts.Identifier) => {
    const fn = isIdentifier(local) ? own.get(local.text) : undefined;
    if (fn) exported.set(name, fn);
  };
  for (const statement of sourceFile.statements) {
    if (isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause && isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) exportAs(element.name.text, element.propertyName ?? element.name);
    }
    const assigned = isExpressionStatement(statement) && isBinaryExpression(statement.expression) && statement.expression.operatorToken.kind === SyntaxKind.EqualsToken ? statement.expression : undefined;
    if (!assigned || !isModuleExports(assigned.left) || !isObjectLiteralExpression(assigned.right)) continue;
    for (const member of assigned.right.properties) {
      if (isShorthandPropertyAssignment(member)) exportAs(member.name.text, member.name);
      else if (isPropertyAssignment(member) && isIdentifier(member.name)) exportAs(member.name.text, member.initializer);
    }
  }
  return exported;
}

function isModuleExports(node: ts.Expression): boolean {
  return isPropertyAccessExpression(node) && isIdentifier(node.expression) && node.expression.text === 'module' && node.name.text === 'exports';
}
