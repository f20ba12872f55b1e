/**
 * A file's module bindings: its import declarations and top-level `require` calls, with the local
 * names each binds and what they name in the other module.
 */
import ts from 'typescript';

const { isCallExpression, isIdentifier, isImportDeclaration, isNamedImports, isObjectBindingPattern, isStringLiteralLike, isVariableStatement } = ts;

/** What a `require` of a file returns as a whole (`module.exports`), as an exported name. */
export const MODULE_ITSELF = 'module.exports';

/** An import declaration or a top-level `const x = require('./m')`, with the names it binds. */
export interface ModuleBinding {
  kind: 'import' | 'require';
  specifier: string;
  /** [local, exported]: 'default' for a default import, MODULE_ITSELF for `const m = require(...)`. */
  names: [local: string, exported: string][];
  /** `import * as m`: the local name of the whole module. */
  namespace?: string;
  typeOnly: boolean;
}

/** The module bindings of a file's top level, in source order. */
export function moduleBindingsOf(sourceFile: ts.SourceFile): ModuleBinding[] {
  const found: ModuleBinding[] = [];
  for (const statement of sourceFile.statements) {
    if (isImportDeclaration(statement) && isStringLiteralLike(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      const names: [string, string][] = clause?.name ? [[clause.name.text, 'default']] : [];
      const named = clause?.namedBindings;
      if (named && isNamedImports(named)) for (const element of named.elements) names.push([element.name.text, (element.propertyName ?? element.name).text]);
      const namespace = named && !isNamedImports(named) ? named.name.text : undefined;
      found.push({ kind: 'import', specifier: statement.moduleSpecifier.text, names, namespace, typeOnly: clause?.isTypeOnly === true });
    } else if (isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer;
        if (!init || !isCallExpression(init) || !isIdentifier(init.expression) || init.expression.text !== 'require' || init.arguments.length !== 1 || !isStringLiteralLike(init.arguments[0])) continue;
        const name = declaration.name;
        const names: [string, string][] = isIdentifier(name) ? [[name.text, MODULE_ITSELF]] : [];
        if (isObjectBindingPattern(name)) {
          for (const element of name.elements) {
            const exported = element.propertyName ?? element.name;
            if (isIdentifier(element.name) && isIdentifier(exported) && !element.dotDotDotToken) names.push([element.name.text, exported.text]);
          }
        }
        found.push({ kind: 'require', specifier: init.arguments[0].text, names, typeOnly: false });
      }
    }
  }
  return found;
}

/** Local names the file binds to subclasses that other importers export (see SubclassFiles). */
