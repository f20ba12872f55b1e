/**
 * Other workspace files reached through relative imports, read through `options.readFile` (the
 * server passes its open documents and the file system). Their top level is interpreted like the
 * main file's (never executed): constants, config objects and helper functions become available;
 * everything built inside them is reported at the import or call in the main file.
 */
import ts from 'typescript';
import { parseFresh } from '../incrementalParser';
import type { Extraction } from './context';
import { executeStatements } from './statements';
import { usesGlobalTf } from './globalTf';
import { describeImports, exportOf, importedModule, bindImports } from './imports';
import { hasModifier } from './modifiers';
import { Scope } from './scope';
import { UNKNOWN, hasTag, newObject, newTfRef, type ModuleContext, type Value } from './values';
import { isJsonModule, jsonModuleValue } from './jsonModules';
import { workerThreadsExport } from './workerThreads';
import type { Span } from '../ir';
import { candidates, resolveRelative } from './specifiers';
import { readText } from './readText';

// TypeScript exports its API through getters: read what the hot paths use once.
const { SyntaxKind, isClassDeclaration, isEnumDeclaration, isExportDeclaration, isFunctionDeclaration, isIdentifier, isNamedExports, isStringLiteral, isStringLiteralLike, isVariableStatement } = ts;

const MAX_IMPORT_DEPTH = 4;

export function loadModule(ctx: Extraction, specifier: string, node: ts.Node): ModuleContext | undefined {
  const readFile = ctx.options.readFile;
  if (!readFile) return undefined;
  if (ctx.moduleDepth >= MAX_IMPORT_DEPTH) return undefined;
  const base = resolveRelative(ctx.module.fileName, specifier);
  for (const fileName of candidates(base)) {
    const cached = ctx.moduleCache.get(fileName);
    if (cached === 'loading') return undefined;
    if (cached) {
      // Loaded first by another import (a subclass file that imports it): the main file imports it too.
      if (ctx.inMainFile) ctx.mainImports.add(fileName);
      return cached;
    }
    const sourceFile = loadedFile(ctx, readFile, fileName);
    if (sourceFile === null) continue;
    if (typeof sourceFile === 'string') return jsonModule(ctx, fileName, sourceFile, ctx.spanOf(node));
    if (ctx.inMainFile) {
      ctx.placesImportedCode(ctx.spanOf(node), fileName);
      ctx.mainImports.add(fileName);
    }
    const module: ModuleContext = {
      sourceFile,
      fileName,
      isMain: false,
      anchor: ctx.spanOf(node),
      scope: new Scope(),
      exports: new Map(),
    };
    ctx.moduleCache.set(fileName, 'loading');
    evaluateModule(ctx, module);
    ctx.moduleCache.set(fileName, module);
    return module;
  }
  return undefined;
}

/**
 * A JSON file as a module: its value is the default export and `module.exports`, and its top-level
 * keys are named exports (TypeScript's resolveJsonModule allows both forms).
 */
function jsonModule(ctx: Extraction, fileName: string, text: string, anchor: Span): ModuleContext {
  const value = jsonModuleValue(text, anchor);
  const module: ModuleContext = { sourceFile: parseFresh(fileName, ''), fileName, isMain: false, anchor, scope: new Scope(), exports: new Map(), commonJsExports: value };
  module.exports.set('default', value);
  if (hasTag(value, 'object')) value.props.forEach((member, key) => module.exports.set(key, member.value));
  ctx.moduleCache.set(fileName, module);
  return module;
}

/**
 * The parsed file, or a JSON module's text, read once per extraction (Extraction.loadedFiles);
 * null when it cannot be read.
 */
function loadedFile(ctx: Extraction, readFile: (fileName: string) => string | undefined, fileName: string): ts.SourceFile | string | null {
  let loaded = ctx.loadedFiles.get(fileName);
  if (loaded === undefined) {
    const text = readText(readFile, fileName);
    loaded = text === undefined ? null : isJsonModule(fileName) ? text : parseFresh(fileName, text);
    ctx.loadedFiles.set(fileName, loaded);
  }
  return loaded;
}

/** Whether the module uses tfjs, and `tf` bound to the namespace when the module reads it as a global. */
function bindTfjsNamespace(module: ModuleContext): void {
  const imported = describeImports(module.sourceFile).tfjs !== undefined;
  const global = !imported && usesGlobalTf(module.sourceFile);
  if (global) module.scope.declare('tf', newTfRef([]));
  module.usesTfjs = imported || global;
}

/** Interprets a module's top level and collects its exports. */
export function evaluateModule(ctx: Extraction, module: ModuleContext): void {
  const previous = ctx.module;
  ctx.module = module;
  ctx.moduleDepth++;
  try {
    bindTfjsNamespace(module);
    bindImports(ctx, module);
    executeStatements(ctx, module.sourceFile.statements, module.scope);
    if (!module.isMain) collectExports(ctx, module);
  } finally {
    ctx.moduleDepth--;
    ctx.module = previous;
  }
}

function hasExportModifier(statement: ts.Statement): boolean {
  return hasModifier(statement, SyntaxKind.ExportKeyword);
}

function isDefault(statement: ts.Statement): boolean {
  return hasModifier(statement, SyntaxKind.DefaultKeyword);
}

export function collectExports(ctx: Extraction, module: ModuleContext): void {
  const scope = module.scope;
  for (const statement of module.sourceFile.statements) {
    if (isExportDeclaration(statement)) {
      const source = statement.moduleSpecifier && isStringLiteral(statement.moduleSpecifier) ? importedModule(ctx, statement.moduleSpecifier.text, statement) : undefined;
      const clause = statement.exportClause;
      if (!clause && source?.kind === 'module') {
        for (const [name, value] of source.module.exports) if (name !== 'default') module.exports.set(name, value);
        if (source.module.reExportsTfjs) module.reExportsTfjs = true;
      } else if (!clause && source?.kind === 'tfjs') {
        module.reExportsTfjs = true;
      } else if (clause && isNamedExports(clause)) {
        for (const element of clause.elements) {
          const local = (element.propertyName ?? element.name).text;
          module.exports.set(element.name.text, source ? exportOf(source, local) : (scope.lookup(local) ?? UNKNOWN));
        }
      }
      continue;
    }
    if (!hasExportModifier(statement)) continue;
    if (isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (isIdentifier(declaration.name)) module.exports.set(declaration.name.text, scope.lookup(declaration.name.text));
      }
    } else if ((isFunctionDeclaration(statement) || isClassDeclaration(statement) || isEnumDeclaration(statement)) && statement.name) {
      const value = scope.lookup(statement.name.text);
      module.exports.set(isDefault(statement) ? 'default' : statement.name.text, value);
    }
  }
}

/** A module as one object (`import * as cfg`, `require('./cfg')`). */
export function moduleAsObject(module: ModuleContext): Value {
  if (module.commonJsExports !== undefined) return module.commonJsExports;
  const object = newObject();
  for (const [name, value] of module.exports) object.props.set(name, { value, span: module.anchor, valueSpan: module.anchor });
  if (module.reExportsTfjs) object.tfjs = true;
  return object;
}

/** `require('...')` or a dynamic `import('...')` in interpreted code. */
export function requireModule(ctx: Extraction, callNode: ts.CallExpression): Value {
  const argument = callNode.arguments[0];
  if (!argument || !isStringLiteralLike(argument)) return UNKNOWN;
  const specifier = installedPackage(argument.text) ?? argument.text;
  return workerThreadsExport(ctx.module, specifier, '*') ?? exportOf(importedModule(ctx, specifier, callNode), '*');
}

/** The require function of webpack's bundles and chunks, whatever scope binds it. */
export const WEBPACK_REQUIRE = '__webpack_require__';

/** The package a path into node_modules is a file of (`./node_modules/@tensorflow/tfjs/dist/index.js`: '@tensorflow/tfjs'), as bundles name modules. */
function installedPackage(path: string): string | undefined {
  return /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)(?:\/|$)/.exec(path)?.[1];
}
