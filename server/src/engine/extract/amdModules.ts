/**
 * AMD modules as RequireJS loads them: `define(['tfjs', 'app/store'], function (tf, store) {...})`
 * (with or without a leading module id) and `require([...], callback)` / `requirejs([...], callback)`.
 * The loader calls the factory once with each dependency's module: tfjs for an id that names it,
 * a package the interpreter models for its own id, unknown otherwise.
 *
 * An id names tfjs when it is tfjs's package or bundle (imports.ts isTfjsPackage), when a
 * `requirejs.config({ paths })` / `require.config(...)` of the file maps it to one, or when it is
 * `tfjs` or `tf`, the names RequireJS projects give tfjs's shim in a config kept in another file.
 */
import ts from 'typescript';
import { callValue, type Arg } from './calls';
import type { Extraction } from './context';
import { evaluate } from './evaluate';
import { TFJS_DIST_SUFFIX, exportOf, importedModule, isTfjsPackage } from './imports';
import type { Scope } from './scope';
import { UNKNOWN, hasTag, type Value } from './values';

const { isArrayLiteralExpression, isCallExpression, isExpressionStatement, isIdentifier, isObjectLiteralExpression, isPropertyAccessExpression, isPropertyAssignment, isStringLiteralLike } = ts;

const LOADERS = new Set(['define', 'require', 'requirejs']);

/** RequireJS's usual names for tfjs in a paths config the file does not hold. */
const SHIM_NAMES = new Set(['tfjs', 'tf']);

/** A path a RequireJS config maps an id to (written without `.js`): tfjs's package or one of its bundles. */
const TFJS_PATH = new RegExp(String.raw`(?:@tensorflow/tfjs(?:@[^/]*)?(?:/|$))|(?:(?:^|/)tf(?:js)?(?:${TFJS_DIST_SUFFIX})*(?:\.m?js)?$)`);

/**
 * `define([...], factory)` or `require([...], callback)` of the loader's global: runs the factory
 * with its dependencies and returns what the call gives (undefined when the call is not AMD's).
 */
export function runAmdFactory(ctx: Extraction, node: ts.CallExpression, loader: string, scope: Scope): Value | undefined {
  if (!LOADERS.has(loader) || scope.find(loader)) return undefined;
  const [first, second, third] = node.arguments;
  const dependencies = first && isStringLiteralLike(first) && loader === 'define' ? second : first;
  const factoryNode = dependencies === second ? third : second;
  if (!dependencies || !isArrayLiteralExpression(dependencies) || !factoryNode) return undefined;
  const factory = evaluate(ctx, factoryNode, scope);
  if (!hasTag(factory, 'function')) return undefined;
  const tfjsIds = configuredTfjsIds(ctx.module.sourceFile);
  const args: Arg[] = dependencies.elements.map((element) => ({
    value: isStringLiteralLike(element) ? dependency(ctx, element.text, tfjsIds, node) : UNKNOWN,
  }));
  callValue(ctx, node, factory, args);
  return UNKNOWN;
}

function dependency(ctx: Extraction, id: string, tfjsIds: ReadonlySet<string>, node: ts.Node): Value {
  if (SHIM_NAMES.has(id) || tfjsIds.has(id)) return exportOf({ kind: 'tfjs' }, '*');
  return exportOf(importedModule(ctx, id, node), '*');
}

const configs = new WeakMap<ts.SourceFile, ReadonlySet<string>>();

/** The ids a top-level `requirejs.config({ paths })` of the file maps to tfjs (a path or a list of fallbacks). */
function configuredTfjsIds(sourceFile: ts.SourceFile): ReadonlySet<string> {
  let ids = configs.get(sourceFile);
  if (ids) return ids;
  const found = new Set<string>();
  for (const statement of sourceFile.statements) {
    const call = isExpressionStatement(statement) ? statement.expression : undefined;
    if (!call || !isCallExpression(call) || !isPropertyAccessExpression(call.expression) || call.expression.name.text !== 'config') continue;
    const loader = call.expression.expression;
    const options = call.arguments[0];
    if (!isIdentifier(loader) || !LOADERS.has(loader.text) || !options || !isObjectLiteralExpression(options)) continue;
    const paths = options.properties.find((property) => isPropertyAssignment(property) && propertyName(property.name) === 'paths');
    if (!paths || !isPropertyAssignment(paths) || !isObjectLiteralExpression(paths.initializer)) continue;
    for (const entry of paths.initializer.properties) {
      if (!isPropertyAssignment(entry)) continue;
      const id = propertyName(entry.name);
      const targets = isArrayLiteralExpression(entry.initializer) ? [...entry.initializer.elements] : [entry.initializer];
      if (id !== undefined && targets.some((target) => isStringLiteralLike(target) && (isTfjsPackage(target.text) || TFJS_PATH.test(target.text)))) found.add(id);
    }
  }
  ids = found;
  configs.set(sourceFile, ids);
  return ids;
}

function propertyName(name: ts.PropertyName): string | undefined {
  return isIdentifier(name) || isStringLiteralLike(name) ? name.text : undefined;
}
