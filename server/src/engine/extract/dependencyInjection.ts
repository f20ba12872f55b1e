/**
 * Constructor injection (NestJS, Angular, tsyringe, InversifyJS): a decorated class that nothing
 * in the file constructs is made by its framework, which passes each constructor parameter
 * - named by a token (`@Inject(TOKEN)`, Inversify's `@inject(TOKEN)`) the value the file provides
 *   for it: a provider object (`{ provide: TOKEN, useValue | useFactory | useClass | useExisting }`
 *   in a module's or component's providers) or a container's binding (inversifyContainer.ts);
 * - typed as a class (`constructor(private readonly config: ClaimsModelConfig)`) the provider's
 *   value for that class, or else an instance of it.
 * Unknown: a token provided nowhere or by two different providers, an abstract class, and classes
 * of other files.
 */
import ts from 'typescript';
import { callValue, type Arg } from './calls';
import type { Extraction } from './context';
import { instantiate } from './classes';
import { evaluate } from './evaluate';
import { hasModifier } from './modifiers';
import { UNKNOWN, hasTag, type ClassValue, type ModuleContext, type ObjectValue, type Value } from './values';
import { scanOncePerFile } from './fileScan';
import { frameworkService } from './nestConfig';

const { SyntaxKind, isArrayLiteralExpression, isCallExpression, isConstructorDeclaration, isIdentifier, isObjectLiteralExpression, isPropertyAssignment, isTypeReferenceNode } = ts;

/** Dependencies of dependencies are made this deep at most (a cycle stops here too). */
const MAX_INJECTION_DEPTH = 4;

/** What a framework injects for a token key (tokenKey); undefined where the file provides nothing for it. */
export type TokenResolver = (key: string) => { value: Value } | undefined;

/** The key a token is known by: a string token by its value, any other (a symbol, a class) by how it is written. */
export function tokenKey(ctx: Extraction, token: Arg): string {
  if (typeof token.value === 'string') return `string:${token.value}`;
  return writtenTokenKey(token.node ? ctx.textOf(token.node).replace(/\s+/g, '') : '');
}

/** The key of a token written as `text` (`TYPES.Config`, a class's name). */
export function writtenTokenKey(text: string): string {
  return `name:${text}`;
}

/** The classes whose dependencies are being resolved: a cycle (A needs B, B needs A) is unknown. */
const resolving = new Set<ts.Node>();

/** A class as its framework constructs it, each injected parameter resolved by `resolve`. */
export function constructInjected(ctx: Extraction, cls: ClassValue, resolve: TokenResolver): Value {
  if (resolving.has(cls.node)) return UNKNOWN;
  resolving.add(cls.node);
  try {
    return instantiate(ctx, cls, injectedArguments(ctx, cls, 0, resolve));
  } finally {
    resolving.delete(cls.node);
  }
}

/** The constructor arguments a DI framework passes `cls`: undefined (as for a call without arguments) where it would pass something unknown. */
export function injectedArguments(ctx: Extraction, cls: ClassValue, depth = 0, resolve: TokenResolver = (key) => providedValue(ctx, cls.module, key)): Arg[] {
  const parameters = cls.node.members.find(isConstructorDeclaration)?.parameters;
  if (!parameters || depth >= MAX_INJECTION_DEPTH || (depth === 0 && !ts.getDecorators(cls.node)?.length)) return [];
  return parameters.map((parameter) => {
    const token = injectionToken(parameter);
    const provided = token ? resolve(keyOf(ctx, cls.module, token)) : undefined;
    if (provided) return { value: hasTag(provided.value, 'unknown') ? undefined : provided.value };
    const service = token && frameworkService(ctx, evaluate(ctx, token, cls.module.scope), token);
    if (service) return { value: service };
    const typeName = token ? undefined : injectedTypeName(parameter);
    if (typeName === undefined) return { value: undefined };
    // A class the file registers under its name (`{ provide: Config, useFactory }`) is what its provider makes.
    const registered = resolve(writtenTokenKey(typeName));
    if (registered) return { value: hasTag(registered.value, 'unknown') ? undefined : registered.value };
    const typed = frameworkService(ctx, cls.module.scope.lookup(typeName), parameter);
    if (typed) return { value: typed };
    const dependency = injectedClass(ctx, cls, typeName);
    return { value: dependency ? instantiate(ctx, dependency, injectedArguments(ctx, dependency, depth + 1, resolve)) : undefined };
  });
}

/** The token of `@Inject(TOKEN)` or `@inject(TOKEN)` on a parameter. */
function injectionToken(parameter: ts.ParameterDeclaration): ts.Expression | undefined {
  for (const decorator of ts.getDecorators(parameter) ?? []) {
    const call = decorator.expression;
    if (isCallExpression(call) && isIdentifier(call.expression) && /^[iI]nject$/.test(call.expression.text) && call.arguments.length > 0) return call.arguments[0];
  }
  return undefined;
}

function injectedTypeName(parameter: ts.ParameterDeclaration): string | undefined {
  const type = parameter.type;
  return type && isTypeReferenceNode(type) && isIdentifier(type.typeName) && !type.typeArguments ? type.typeName.text : undefined;
}

function injectedClass(ctx: Extraction, consumer: ClassValue, name: string): ClassValue | undefined {
  const dependency = ctx.classes.find((cls) => cls.name === name && cls.module === consumer.module);
  return dependency && !hasModifier(dependency.node, SyntaxKind.AbstractKeyword) ? dependency : undefined;
}

/** A provider object and the token it provides. */
interface Provider {
  token: ts.Expression;
  object: ts.ObjectLiteralExpression;
}

/** The provider objects of a file (`{ provide: TOKEN, ... }`). */
const providerObjects = scanOncePerFile<Provider>((node, sourceFile, found) => {
  if (!isObjectLiteralExpression(node)) return;
  const token = propertyNamed(node, 'provide', sourceFile);
  if (token) found.push({ token, object: node });
});

function propertyNamed(object: ts.ObjectLiteralExpression, name: string, sourceFile: ts.SourceFile): ts.Expression | undefined {
  for (const property of object.properties) if (isPropertyAssignment(property) && property.name.getText(sourceFile) === name) return property.initializer;
  return undefined;
}

/** The key of a token written in a module, as tokenKey keys it. */
function keyOf(ctx: Extraction, module: ModuleContext, token: ts.Expression): string {
  return tokenKey(ctx, { value: evaluate(ctx, token, module.scope), node: token });
}

/** What a module's provider objects give the token: unknown where two different ones provide it. */
function providedValue(ctx: Extraction, module: ModuleContext, key: string, depth = 0): { value: Value } | undefined {
  const providers = providerObjects(module.sourceFile).filter((provider) => keyOf(ctx, module, provider.token) === key);
  if (providers.length === 0) return undefined;
  const distinct = new Set(providers.map((provider) => ctx.textOf(provider.object).replace(/\s+/g, '')));
  if (distinct.size > 1 || depth >= MAX_INJECTION_DEPTH) return { value: UNKNOWN };
  const { object } = providers[0];
  const provider = evaluate(ctx, object, module.scope);
  return { value: hasTag(provider, 'object') ? providerValue(ctx, module, provider, object, depth + 1) : UNKNOWN };
}

function providerValue(ctx: Extraction, module: ModuleContext, provider: ObjectValue, node: ts.ObjectLiteralExpression, depth: number): Value {
  const resolve: TokenResolver = (key) => providedValue(ctx, module, key, depth);
  if (provider.props.has('useValue')) return provider.props.get('useValue')?.value;
  const factory = provider.props.get('useFactory')?.value;
  if (hasTag(factory, 'function')) {
    const injected = propertyNamed(node, 'inject', module.sourceFile);
    const tokens = injected && isArrayLiteralExpression(injected) ? injected.elements : [];
    const injectedValue = (token: ts.Expression) => resolve(keyOf(ctx, module, token))?.value ?? frameworkService(ctx, evaluate(ctx, token, module.scope), token) ?? UNKNOWN;
    return callValue(ctx, node, factory, tokens.map((token) => ({ value: injectedValue(token) })));
  }
  const useClass = provider.props.get('useClass')?.value;
  if (hasTag(useClass, 'class')) return constructInjected(ctx, useClass, resolve);
  const existing = propertyNamed(node, 'useExisting', module.sourceFile);
  return (existing && resolve(keyOf(ctx, module, existing))?.value) ?? UNKNOWN;
}
