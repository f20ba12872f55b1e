/**
 * Classes of the analysed file: `new C(...)` makes an object whose methods are bound to it, with
 * the methods of the classes C extends installed first (so an override wins and `this.build()`
 * in the base runs the subclass's build), and runs the constructors as JavaScript does: a derived
 * constructor's `super(...)` constructs the base part, then its own fields are initialized.
 * A class extending `tf.layers.Layer` is a custom layer (opaque unless its call() can be read); one
 * extending tfjs's `Initializer` is the initializer its apply() draws with.
 */
import ts from 'typescript';
import { callValue, type Arg } from './calls';
import type { Extraction } from './context';
import { accessorMember, evaluate, getMember, propertyNameText } from './evaluate';
import { newLayerIR } from './finalize';
import { initializerDrawnBy } from './initializerValues';
import { invoke, invokeWithUnknownArguments, makeFunction } from './functions';
import { OPAQUE_MEANING } from './layerCalls';
import { extendsClause, hasModifier } from './modifiers';
import { isEventEmitterClass, makeEmitter } from './eventEmitters';
import { Scope } from './scope';
import { executeStatements } from './statements';
import type { CallSite } from './callSites';
import { UNKNOWN, functionProperties, hasTag, isTagged, newObject, spreadInto, type ClassValue, type FunctionValue, type LayerValue, type ModuleContext, type ObjectValue, type Value } from './values';
import type { Span } from '../ir';

// TypeScript exports its API through getters: read what the hot paths use once.
const { SyntaxKind, isConstructorDeclaration, isGetAccessorDeclaration, isIdentifier, isMethodDeclaration, isParameterPropertyDeclaration, isPropertyAccessExpression, isPropertyDeclaration, isSetAccessorDeclaration } = ts;

/** Base classes followed at most this deep (a cycle through reassigned names stops here too). */
const MAX_CLASS_DEPTH = 8;

export function makeClass(ctx: Extraction, node: ts.ClassLikeDeclaration, closure: Scope): ClassValue {
  const value: ClassValue = { tag: 'class', node, closure, module: ctx.module, name: node.name?.text, statics: new Map() };
  // Members assigned to it later (`Object.assign(Model.prototype, trait)`) are every instance's;
  // the class's own methods are not copied to it, so a member it lacks is unknown, not absent.
  const prototype = newObject();
  prototype.open = true;
  value.statics.set('prototype', prototype);
  ctx.classes.push(value);
  const extended = extendsClause(node) ? evaluate(ctx, extendsClause(node)!.expression, closure) : undefined;
  if (hasTag(extended, 'class')) value.base = extended;
  // Static initializers and blocks run as the class is defined, with the class as `this` and its name bound.
  const staticScope = new Scope(closure);
  staticScope.declare('this', value);
  if (node.name) staticScope.declare(node.name.text, value);
  for (const member of node.members) {
    if (ts.isClassStaticBlockDeclaration(member)) {
      executeStatements(ctx, member.body.statements, new Scope(staticScope));
      continue;
    }
    if (!isStatic(member)) continue;
    // `static get hiddenUnits() { ... }` runs where it is read, with the class as `this`.
    const staticMethod = (isMethodDeclaration(member) || isGetAccessorDeclaration(member)) && member.body !== undefined;
    if (!staticMethod && !(isPropertyDeclaration(member) && member.initializer)) continue;
    const name = propertyNameText(ctx, member.name, closure);
    if (name === undefined) continue;
    if (staticMethod) {
      // `static create(kind) { return kind === 'fast' ? new Fast() : new Standard(); }`: `this` is the class.
      const method = makeFunction(ctx, member, closure, name, ctx.spanOf(member.name));
      method.thisValue = value;
      value.statics.set(name, method);
    } else {
      value.statics.set(name, evaluate(ctx, (member as ts.PropertyDeclaration).initializer!, staticScope));
    }
  }
  return value;
}

/** `new C(...)`: an object whose methods are bound to it; the constructors and field initializers run. */
export function instantiate(ctx: Extraction, cls: ClassValue, args: Arg[], callNode?: ts.Node): Value {
  ctx.instantiated.add(cls.node);
  const chain = rootOfChain(ctx, cls);
  const custom = customLayerOf(ctx, cls, chain, callNode ? ctx.spanOf(callNode) : undefined);
  const instance = newObject();
  // `this.constructor.hiddenUnits`: the class's statics, read from an instance of it.
  instance.instanceOf = cls;
  if (ctx.callSpans.some((site) => site?.importer)) instance.constructedAt = ctx.callSpans.filter((site): site is CallSite => site !== undefined);
  if (isEventEmitterClass(chain?.extended)) makeEmitter(ctx, instance, cls);
  // tfjs's Layer.addWeight, which a custom layer's build() calls on itself (coreApi.ts addLayerWeight).
  if (custom) instance.props.set('addWeight', { value: { tag: 'builtin', path: 'Layer.addWeight' }, span: custom.proto.ir.span, valueSpan: custom.proto.ir.span });
  installMethods(ctx, cls, instance, 0);
  construct(ctx, cls, instance, args, callNode, 0);
  if (endsInTfjsInitializer(chain)) return initializerDrawnBy(ctx, cls.name, instance.props.get('apply')?.value, callNode) ?? instance;
  if (!custom) return instance;
  const shape = declaredOutputShape(ctx, cls);
  const outputSize = shape && declaredOutputSize(shape, instance);
  if (outputSize !== undefined) custom.proto.ir.outputSize = outputSize;
  if (shape) {
    custom.proto.ir.outputRank = shape.length;
    const axis = inputAxisOf(shape[shape.length - 1]);
    if (axis !== undefined) custom.proto.ir.outputLastAxis = axis;
  }
  // A custom layer's call() may be read through when the layer is applied (composition.ts).
  const call = instance.props.get('call')?.value;
  if (hasTag(call, 'function')) custom.readThrough = call;
  const build = instance.props.get('build')?.value;
  if (hasTag(build, 'function')) custom.buildThrough = build;
  return custom;
}

/**
 * `new F(...)` of an ES5 constructor function: an object with the methods `F.prototype` has by
 * then (a snapshot: IIFE and CommonJS modules set them up before anything is constructed), bound
 * to it, then F's body with `this` bound to it. An object F returns replaces it, as in JavaScript.
 * Without `args`, F runs as code nobody calls does (invokeWithUnknownArguments).
 */
export function constructWithFunction(ctx: Extraction, fn: FunctionValue, args?: Arg[], callNode?: ts.Node): Value {
  const instance = newObject();
  spreadInto(instance, getMember(functionProperties(fn), 'prototype'));
  instance.props.forEach((member, key) => {
    if (!hasTag(member.value, 'function')) return;
    const method = { ...member.value, thisValue: instance };
    if (!ctx.boundMethods.has(method.node)) ctx.boundMethods.set(method.node, method);
    instance.props.set(key, { ...member, value: method });
  });
  const constructor = { ...fn, thisValue: instance };
  const returned = args ? invoke(ctx, constructor, args, callNode) : invokeWithUnknownArguments(ctx, constructor, callNode);
  return isTagged(returned) && !hasTag(returned, 'unknown') ? returned : instance;
}

/** A function with methods on its prototype: ES5's class (constructWithFunction). */
export function isConstructorFunction(fn: FunctionValue): boolean {
  const prototype = fn.properties && getMember(fn.properties, 'prototype');
  return hasTag(prototype, 'object') && prototype.props.size > 0;
}

/**
 * `super.addHiddenLayers()` in a derived class's method (or a function it runs): the base class's
 * method on the same instance; unknown outside one.
 */
export function callSuperMethod(ctx: Extraction, callNode: ts.Node, name: string, args: Arg[]): Value {
  for (let i = ctx.callStack.length - 1; i >= 0; i--) {
    const home = ctx.callStack[i].superMembers;
    if (!home) continue;
    const member = home.get(name)?.value;
    return member !== undefined ? callValue(ctx, callNode, member, args) : UNKNOWN;
  }
  return UNKNOWN;
}

/** `super(...)` in a running constructor: constructs the base part of the instance (see construct). */
export function callSuper(ctx: Extraction, callNode: ts.Node, args: Arg[]): Value {
  ctx.superCalls.at(-1)?.(args, callNode);
  return UNKNOWN;
}

/** What the `extends` clause of `cls` names, evaluated where the class is declared. */
function extendedValue(ctx: Extraction, cls: ClassValue): Value | undefined {
  const heritage = extendsClause(cls.node);
  if (!heritage) return undefined;
  const previousModule = ctx.module;
  ctx.module = cls.module;
  try {
    return evaluate(ctx, heritage.expression, cls.closure);
  } finally {
    ctx.module = previousModule;
  }
}

/** The class of the file that `cls` extends, if the `extends` clause names one. */
function baseClassOf(ctx: Extraction, cls: ClassValue): ClassValue | undefined {
  const base = extendedValue(ctx, cls);
  return hasTag(base, 'class') && base !== cls ? base : undefined;
}

interface BaseChain {
  root: ClassValue;
  extended: Value | undefined;
}

/**
 * The class of the file at the root of `cls`'s chain of bases (`cls` itself when it extends no
 * class of the file), and what that root extends: a library's class, or nothing.
 */
function rootOfChain(ctx: Extraction, cls: ClassValue): BaseChain | undefined {
  let derived = cls;
  for (let depth = 0; depth < MAX_CLASS_DEPTH; depth++) {
    const base = extendedValue(ctx, derived);
    if (!hasTag(base, 'class') || base === derived) return { root: derived, extended: base };
    derived = base;
  }
  return undefined;
}

/**
 * Whether a chain of bases (rootOfChain) ends in tfjs-layers' `Initializer`. tfjs's public API
 * does not export it: code imports it from tfjs-layers' own modules, which the engine does not
 * resolve, so its name says it.
 */
function endsInTfjsInitializer(chain: BaseChain | undefined): boolean {
  const heritage = chain && extendsClause(chain.root.node)?.expression;
  if (!heritage) return false;
  const name = isIdentifier(heritage) ? heritage.text : isPropertyAccessExpression(heritage) ? heritage.name.text : undefined;
  return name === 'Initializer';
}

/** The methods of the classes `cls` extends, then its own (an override replaces the base's). */
function installMethods(ctx: Extraction, cls: ClassValue, instance: ObjectValue, depth: number): void {
  const base = depth < MAX_CLASS_DEPTH ? baseClassOf(ctx, cls) : undefined;
  if (base) installMethods(ctx, base, instance, depth + 1);
  const previousModule = ctx.module;
  ctx.module = cls.module;
  try {
    const classScope = new Scope(cls.closure);
    classScope.declare('this', instance);
    // What the base classes installed: what `super.name(...)` calls in this class's methods.
    const superMembers = base ? instance.props.filter(() => true) : undefined;
    for (const member of cls.node.members) {
      if ((isMethodDeclaration(member) || isGetAccessorDeclaration(member) || isSetAccessorDeclaration(member)) && member.body && !isStatic(member)) {
        const name = propertyNameText(ctx, member.name, classScope);
        if (name === undefined) continue;
        const method = makeFunction(ctx, member, cls.closure, name, ctx.spanOf(member.name));
        method.thisValue = instance;
        if (superMembers) method.superMembers = superMembers;
        instance.props.set(name, accessorMember(instance.props.get(name), member.kind, method, ctx.spanOf(member)));
      }
    }
    // Assigned after the class was declared, they replace its own methods of the same name.
    const assigned = cls.statics.get('prototype');
    if (hasTag(assigned, 'object')) assigned.props.forEach((member, key) => instance.props.set(key, member));
  } finally {
    ctx.module = previousModule;
  }
}

/**
 * Runs `cls`'s constructor on `instance`. A class without a constructor passes its arguments to
 * the base's; a derived constructor initializes its parameter properties and fields when its
 * `super(...)` returns, as JavaScript does (a base constructor's assignment cannot overwrite them).
 */
function construct(ctx: Extraction, cls: ClassValue, instance: ObjectValue, args: Arg[], callNode: ts.Node | undefined, depth: number): void {
  const base = depth < MAX_CLASS_DEPTH ? baseClassOf(ctx, cls) : undefined;
  const previousModule = ctx.module;
  ctx.module = cls.module;
  try {
    const classScope = new Scope(cls.closure);
    classScope.declare('this', instance);
    const initializeFields = () => {
      for (const member of cls.node.members) {
        if (isPropertyDeclaration(member) && member.initializer && !isStatic(member)) {
          const name = propertyNameText(ctx, member.name, classScope);
          if (name !== undefined) setMember(ctx, instance, name, evaluate(ctx, member.initializer, classScope), member);
        }
      }
    };
    const constructor = cls.node.members.find(isConstructorDeclaration);
    if (!constructor?.body) {
      if (base) construct(ctx, base, instance, args, callNode, depth + 1);
      initializeFields();
      return;
    }
    const fn = makeFunction(ctx, constructor, cls.closure, cls.name);
    fn.thisValue = instance;
    ctx.module = previousModule;
    let constructorScope: Scope | undefined;
    const prologue = () => {
      if (constructorScope) bindParameterProperties(ctx, constructor, constructorScope, instance);
      initializeFields();
    };
    let superCalled = false;
    ctx.superCalls.push((superArgs, superNode) => {
      if (superCalled || !base) return;
      superCalled = true;
      construct(ctx, base, instance, superArgs, superNode, depth + 1);
      prologue();
    });
    try {
      invoke(ctx, fn, args, callNode, (scope) => {
        constructorScope = scope;
        // TypeScript's constructor prologue: parameter properties first, then field initializers.
        if (!base) prologue();
      });
    } finally {
      ctx.superCalls.pop();
    }
  } finally {
    ctx.module = previousModule;
  }
}

/** `constructor(private readonly rate = 0.3)`: TypeScript makes `rate` a field holding the bound value. */
function bindParameterProperties(ctx: Extraction, constructor: ts.ConstructorDeclaration, scope: Scope, instance: ObjectValue): void {
  for (const parameter of constructor.parameters) {
    if (isIdentifier(parameter.name) && isParameterPropertyDeclaration(parameter, constructor)) {
      setMember(ctx, instance, parameter.name.text, scope.lookup(parameter.name.text) ?? UNKNOWN, parameter);
    }
  }
}

function setMember(ctx: Extraction, object: ObjectValue, name: string, value: Value, node: ts.Node): void {
  const span = ctx.spanOf(node);
  object.props.set(name, { value, span, valueSpan: span });
}

function isStatic(member: ts.ClassElement): boolean {
  return hasModifier(member, SyntaxKind.StaticKeyword);
}

/**
 * The axes a custom layer's `computeOutputShape` returns, batch axis first, when it returns an
 * array written there without spreads (`[inputShape[0], inputShape[2]]`: a pooling over the
 * second axis).
 */
function declaredOutputShape(ctx: Extraction, cls: ClassValue): ts.NodeArray<ts.Expression> | undefined {
  const declares = (node: ts.ClassLikeDeclaration) => node.members.find((member): member is ts.MethodDeclaration => isMethodDeclaration(member) && isIdentifier(member.name) && member.name.text === 'computeOutputShape');
  // The nearest class of the chain that declares it: a subclass may override only the initializer.
  let method = declares(cls.node);
  for (let base = baseClassOf(ctx, cls), depth = 0; !method && base && depth < MAX_CLASS_DEPTH; base = baseClassOf(ctx, base), depth++) method = declares(base.node);
  const returned = method?.body?.statements.find(ts.isReturnStatement)?.expression;
  const shape = returned && ts.isArrayLiteralExpression(returned) ? returned.elements : undefined;
  return shape && shape.length >= 2 && !shape.some(ts.isSpreadElement) ? shape : undefined;
}

/** `inputShape[2]`: the input's axis 2; `inputShape[inputShape.length - 1]`: its last. */
function inputAxisOf(axis: ts.Expression): number | 'last' | undefined {
  if (!ts.isElementAccessExpression(axis) || !isIdentifier(axis.expression)) return undefined;
  const index = axis.argumentExpression;
  if (ts.isNumericLiteral(index)) return Number(index.text);
  const lastIndex = ts.isBinaryExpression(index) && index.operatorToken.kind === SyntaxKind.MinusToken && ts.isNumericLiteral(index.right) && index.right.text === '1' && isPropertyAccessExpression(index.left) && index.left.name.text === 'length';
  return lastIndex ? 'last' : undefined;
}

/**
 * The last axis of that shape, when it is a number written there or a number field of the
 * instance (`[inputShape[0], 1]`, `[inputShape[0], this.units]`).
 */
function declaredOutputSize(shape: ts.NodeArray<ts.Expression>, instance: ObjectValue): number | undefined {
  const last = shape[shape.length - 1];
  if (ts.isNumericLiteral(last)) return Number(last.text);
  if (isPropertyAccessExpression(last) && last.expression.kind === SyntaxKind.ThisKeyword) {
    const value = instance.props.get(last.name.text)?.value;
    return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
  }
  return undefined;
}

/** `class MyLayer extends tf.layers.Layer`, or a subclass of one: instances are layers the engine cannot see inside. */
function customLayerOf(ctx: Extraction, cls: ClassValue, chain: BaseChain | undefined, callSpan: Span | undefined): LayerValue | undefined {
  // The root of the chain extends it: a subclass of the file's custom layer is one too (`WideProjection extends GaussianProjection`).
  const base = chain?.extended;
  if (!hasTag(base, 'tf') || base.path.join('.') !== 'layers.Layer') return undefined;
  return {
    tag: 'layer',
    proto: {
      ir: newLayerIR('opaque', cls.name ?? 'custom layer', callSpan ?? ctx.spanOf(cls.node.name ?? cls.node), [
        `custom layer class ${cls.name ?? ''} could not be read: ${OPAQUE_MEANING}`,
      ]),
    },
  };
}

/**
 * Methods no code of the program can run: those of a class the program never instantiates and
 * does not export, that every subclass of the file overrides (an abstract trainer's reference
 * `buildModel` that its one subclass replaces). The pass over uncalled code skips them: a model
 * only they build is not one the program trains (DESIGN 3a). `instantiated`: the classes the
 * program itself instantiated, before that pass instantiates the others.
 */
export function replacedMethods(ctx: Extraction, instantiated: ReadonlySet<ts.Node>): (fn: FunctionValue) => boolean {
  const exported = exportedClasses(ctx.module);
  // The syntax tree has no parent links: a method's class is found through the classes' members.
  const mainClasses = ctx.classes.filter((cls) => cls.module.isMain);
  const ownerOf = new Map<ts.Node, ts.ClassLikeDeclaration>();
  for (const { node } of mainClasses) for (const member of node.members) ownerOf.set(member, node);
  return (fn) => {
    const method = fn.node;
    const owner = ownerOf.get(method);
    if (!owner?.name || !isMethodDeclaration(method) || instantiated.has(owner) || exported.has(owner) || hasModifier(owner, SyntaxKind.ExportKeyword)) return false;
    const { sourceFile } = fn.module;
    const name = method.name.getText(sourceFile);
    const subclasses = mainClasses.filter((cls) => extendsByName(cls.node, owner.name!.text));
    return subclasses.length > 0 && subclasses.every((cls) => cls.node.members.some((member) => member.name?.getText(sourceFile) === name));
  };
}

/** Classes the module exports: `export class`, `exports.X = X`, `module.exports = X` or `{ X }`. */
function exportedClasses(module: ModuleContext): Set<ts.Node> {
  const exported = new Set<ts.Node>();
  const add = (value: Value) => {
    if (hasTag(value, 'class')) exported.add(value.node);
  };
  module.exports.forEach(add);
  const commonJs = module.commonJsExports;
  add(commonJs);
  if (hasTag(commonJs, 'object')) commonJs.props.forEach((member) => add(member.value));
  return exported;
}

function extendsByName(node: ts.ClassLikeDeclaration, name: string): boolean {
  const heritage = extendsClause(node);
  return heritage !== undefined && isIdentifier(heritage.expression) && heritage.expression.text === name;
}
