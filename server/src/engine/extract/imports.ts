/**
 * How the file imports tfjs (for the IR, so fixes write code in the file's style, and for binding
 * `tf`, `layers`, `sequential`, ... to the tfjs namespace), and where imports end.
 */
import ts from 'typescript';
import { EVENTS, isEventsPackage } from './eventEmitters';
import type { TfjsImportIR } from '../ir';
import type { Extraction } from './context';
import { skipOuterExpressions } from './evaluate';
import { cliExport, cliPackageOf, type CliPackage } from './cliOptions';
import { REACT } from './reactHooks';
import { lodashExport } from './lodash';
import { INVERSIFY } from './inversifyContainer';
import { NEST_CONFIG } from './nestConfig';
import { P5 } from './p5Sketch';
import { schemaLibraryPrefix } from './schemaDefaults';
import { settingsPackagePrefix } from './settingsFormats';
import { workerThreadsExport } from './workerThreads';
import { RXJS, isRxjsPackage } from './rxjs';
import { RAMDA, isRamdaPackage } from './ramda';
import { ZUSTAND, isZustandPackage } from './zustand';
import { CONVICT } from './convict';
import { NCONF } from './nconf';
import { REACTIVE, isReactivePackage } from './reactiveState';
import { REDUX, isReduxPackage } from './reduxToolkit';
import { SAGA, isReduxSagaPackage } from './reduxSaga';
import { VUEX } from './vuexStore';
import { loadModule, moduleAsObject } from './workspaceImports';
import { UNKNOWN, newTfRef, packageExport, type ModuleContext, type Value } from './values';

// TypeScript exports its API through getters: read what the hot paths use once.
const { isCallExpression, isExternalModuleReference, isIdentifier, isImportDeclaration, isImportEqualsDeclaration, isNamespaceImport, isObjectBindingPattern, isStringLiteral, isStringLiteralLike, isVariableStatement } = ts;

/** The suffixes of tfjs's dist bundles after `tf` or `tfjs`: tf.min.js, tf.es2017.js, tf.fesm.min.js... */
export const TFJS_DIST_SUFFIX = String.raw`\.(?:min|es2017|fesm|esm)`;

/**
 * The package as Node and bundlers name it, and as Deno (`npm:@tensorflow/tfjs@4.22.0`) and ES
 * module CDNs (esm.sh, jsDelivr's `/+esm`, Skypack, unpkg) do, with or without a version, or one
 * of its dist bundles by path (Observable's `require("@tensorflow/tfjs@4.22.0/dist/tf.min.js")`).
 */
const TFJS_PACKAGE = new RegExp(
  String.raw`^(?:npm:|https://(?:esm\.sh|cdn\.jsdelivr\.net/npm|cdn\.skypack\.dev|unpkg\.com)/)?@tensorflow/tfjs(-node|-node-gpu|-layers|-core)?(?:@[\w.^~-]+)?(?:/\+esm|/dist/tf(?:${TFJS_DIST_SUFFIX})*\.m?js)?$`,
);

/**
 * A copy of a tfjs bundle the project ships itself (`../vendor/tf.fesm.min.js`, `./lib/tfjs.esm.js`),
 * as browser extensions must, their pages not being allowed to load remote code: tfjs's dist names
 * (tf.min.js, tf.es2017.js, tf.fesm.js...) with at least one suffix, a plain `./tf.js` being as
 * likely a project's own module that re-exports tfjs (read through as any module is).
 */
const TFJS_BUNDLE = new RegExp(String.raw`^(?:\.{1,2}/|/|https://)(?:[^?#]*/)?tf(?:js)?(?:${TFJS_DIST_SUFFIX})+\.m?js$`);

export function isTfjsPackage(specifier: string): boolean {
  return TFJS_PACKAGE.test(specifier) || TFJS_BUNDLE.test(specifier);
}

function requiredSpecifier(expression: ts.Expression | undefined): string | undefined {
  if (!expression) return undefined;
  const call = skipOuterExpressions(expression);
  if (!isCallExpression(call) || !isIdentifier(call.expression) || call.expression.text !== 'require') return undefined;
  const argument = call.arguments[0];
  return argument && isStringLiteralLike(argument) ? argument.text : undefined;
}

/** The first tfjs import of the file and the offset just after its last import/require statement. */
export function describeImports(sourceFile: ts.SourceFile): { tfjs?: TfjsImportIR; afterImports: number } {
  let tfjs: TfjsImportIR | undefined;
  let afterImports = 0;
  const span = (node: ts.Node) => ({ start: node.getStart(sourceFile), end: node.end });
  for (const statement of sourceFile.statements) {
    if (isImportDeclaration(statement)) {
      afterImports = statement.end;
      const specifier = isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : '';
      if (tfjs || !isTfjsPackage(specifier)) continue;
      const clause = statement.importClause;
      const named: Record<string, string> = {};
      let namespace: string | undefined;
      let style: TfjsImportIR['style'] = 'named';
      if (clause?.name) {
        namespace = clause.name.text;
        style = 'default';
      }
      const bindings = clause?.namedBindings;
      if (bindings && isNamespaceImport(bindings)) {
        namespace = bindings.name.text;
        style = 'namespace';
      } else if (bindings) {
        for (const element of bindings.elements) named[(element.propertyName ?? element.name).text] = element.name.text;
      }
      tfjs = { module: specifier, style, namespace, named, span: span(statement) };
    } else if (isImportEqualsDeclaration(statement)) {
      afterImports = statement.end;
      const reference = statement.moduleReference;
      if (!tfjs && isExternalModuleReference(reference) && isStringLiteral(reference.expression) && isTfjsPackage(reference.expression.text)) {
        tfjs = { module: reference.expression.text, style: 'require', namespace: statement.name.text, named: {}, span: span(statement) };
      }
    } else if (isVariableStatement(statement)) {
      const declarations = statement.declarationList.declarations;
      const required = declarations.map((d) => requiredSpecifier(d.initializer));
      if (required.length === 0 || required.some((s) => s === undefined)) continue;
      afterImports = statement.end;
      const index = required.findIndex((s) => s !== undefined && isTfjsPackage(s));
      if (tfjs || index < 0) continue;
      const name = declarations[index].name;
      const named: Record<string, string> = {};
      if (isObjectBindingPattern(name)) {
        for (const element of name.elements) {
          if (!isIdentifier(element.name)) continue;
          const key = element.propertyName && isIdentifier(element.propertyName) ? element.propertyName.text : element.name.text;
          named[key] = element.name.text;
        }
      }
      tfjs = { module: required[index] as string, style: 'require', namespace: isIdentifier(name) ? name.text : undefined, named, span: span(statement) };
    }
  }
  return { tfjs, afterImports };
}

/** Binds the names of every import declaration of a module (imports are hoisted in ES modules). */
export function bindImports(ctx: Extraction, module: ModuleContext): void {
  for (const statement of module.sourceFile.statements) {
    if (isImportDeclaration(statement) && isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      if (!clause) continue;
      const specifier = statement.moduleSpecifier.text;
      const source = importedModule(ctx, specifier, statement);
      if (clause.name) module.scope.declare(clause.name.text, exportOf(source, 'default'));
      const bindings = clause.namedBindings;
      if (bindings && isNamespaceImport(bindings)) module.scope.declare(bindings.name.text, workerThreadsExport(module, specifier, '*') ?? exportOf(source, '*'));
      else if (bindings) {
        for (const element of bindings.elements) {
          const name = (element.propertyName ?? element.name).text;
          module.scope.declare(element.name.text, workerThreadsExport(module, specifier, name) ?? exportOf(source, name));
        }
      }
    } else if (isImportEqualsDeclaration(statement) && isExternalModuleReference(statement.moduleReference)) {
      const expression = statement.moduleReference.expression;
      if (isStringLiteral(expression)) module.scope.declare(statement.name.text, exportOf(importedModule(ctx, expression.text, statement), '*'));
    }
  }
}

type ImportSource =
  | { kind: 'tfjs' }
  | { kind: 'modelled'; prefix: string }
  | { kind: 'cli'; library: CliPackage }
  | { kind: 'lodash'; specifier: string }
  | { kind: 'module'; module: ModuleContext }
  | { kind: 'unknown' };

/** Packages whose hooks the interpreter models (reactHooks.ts). */
const REACT_PACKAGES = new Set(['react', 'preact/hooks', 'preact/compat']);

export function importedModule(ctx: Extraction, specifier: string, node: ts.Node): ImportSource {
  if (isTfjsPackage(specifier)) return { kind: 'tfjs' };
  if (REACT_PACKAGES.has(specifier)) return { kind: 'modelled', prefix: REACT };
  const cli = cliPackageOf(specifier);
  if (cli) return { kind: 'cli', library: cli };
  if (lodashExport(specifier, '*')) return { kind: 'lodash', specifier };
  if (isRxjsPackage(specifier)) return { kind: 'modelled', prefix: RXJS };
  if (isRamdaPackage(specifier)) return { kind: 'modelled', prefix: RAMDA };
  if (isZustandPackage(specifier)) return { kind: 'modelled', prefix: ZUSTAND };
  if (specifier === 'convict') return { kind: 'modelled', prefix: CONVICT };
  if (specifier === 'nconf') return { kind: 'modelled', prefix: NCONF };
  if (isReactivePackage(specifier)) return { kind: 'modelled', prefix: REACTIVE };
  if (isReduxPackage(specifier)) return { kind: 'modelled', prefix: REDUX };
  if (isReduxSagaPackage(specifier)) return { kind: 'modelled', prefix: SAGA };
  if (specifier === 'vuex') return { kind: 'modelled', prefix: VUEX };
  if (specifier === 'inversify') return { kind: 'modelled', prefix: INVERSIFY };
  if (specifier === NEST_CONFIG) return { kind: 'modelled', prefix: NEST_CONFIG };
  if (specifier === 'p5') return { kind: 'modelled', prefix: P5 };
  if (isEventsPackage(specifier)) return { kind: 'modelled', prefix: EVENTS };
  const libraryPrefix = schemaLibraryPrefix(specifier) ?? settingsPackagePrefix(specifier);
  if (libraryPrefix) return { kind: 'modelled', prefix: libraryPrefix };
  if (specifier.startsWith('.')) {
    const module = loadModule(ctx, specifier, node);
    if (module) return { kind: 'module', module };
  }
  return { kind: 'unknown' };
}

/** An import's value: `'*'` is the namespace, `'default'` the default export. */
export function exportOf(source: ImportSource, name: string): Value {
  if (source.kind === 'tfjs') return newTfRef(name === '*' || name === 'default' ? [] : [name]);
  if (source.kind === 'cli') return cliExport(source.library, name);
  if (source.kind === 'modelled') return packageExport(source.prefix, name);
  if (source.kind === 'lodash') return lodashExport(source.specifier, name) ?? UNKNOWN;
  if (source.kind === 'unknown') return UNKNOWN;
  const module = source.module;
  if (name === '*') return moduleAsObject(module);
  if (module.exports.has(name)) return module.exports.get(name);
  if (name === 'default' && module.commonJsExports !== undefined) return module.commonJsExports;
  const commonJs = module.commonJsExports;
  if (commonJs && typeof commonJs === 'object' && commonJs.tag === 'object') return commonJs.props.get(name)?.value ?? UNKNOWN;
  if (module.reExportsTfjs && name !== 'default') return newTfRef([name]);
  return UNKNOWN;
}
