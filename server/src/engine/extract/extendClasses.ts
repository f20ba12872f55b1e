/**
 * Classes made with `extend`, as Backbone and Ember make them: `Backbone.Model.extend({ defaults,
 * initialize, ... })`, `Component.extend({ hiddenUnits: 64, didInsertElement() { ... } })`.
 * `new X(...)` makes an instance with the properties written (methods bound to it), Backbone's
 * `defaults` as its attributes, and runs `initialize` or `init`; `get(key)` reads an attribute or
 * a property, `set(key, value)` writes one. An Ember component a module exports by default is
 * made and inserted, as a page shows it (`init`, `didReceiveAttrs`, `didInsertElement` run).
 * Methods nothing calls run on the instance as uncalled code. Everything else the frameworks add
 * is unknown.
 */
import type ts from 'typescript';
import { callValue, type Arg } from './calls';
import type { Extraction } from './context';
import { bindMethods } from './functions';
import { UNKNOWN, hasTag, newObject, setMadeMember, spreadInto, type ObjectValue, type Value } from './values';

/** The members of an extended class and of its instances that hold what code never names. */
const PROTO = '@@gradient-doctor/proto';
const ATTRIBUTES = '@@gradient-doctor/attributes';

/** `Backbone.Model`, `Backbone.View`, `Ember.Component`, an imported `Component` or `EmberObject`. */
const EXTENDABLE = /^(Backbone\.(Model|View|Collection|Router)|Ember\.[A-Z]\w*|Component|EmberObject|Controller|Route|Service|Model|View)$/;

/** Whether `receiver.extend(args)` makes a class: a framework base named so, or a class made so, given one object. */
export function makesExtendedClass(receiverText: string, receiver: Value, args: readonly Arg[]): boolean {
  if (args.length !== 1 || !hasTag(args[0].value, 'object')) return false;
  return isExtendedClass(receiver) || (hasTag(receiver, 'unknown') && EXTENDABLE.test(receiverText));
}

export function isExtendedClass(value: Value): value is ObjectValue {
  return hasTag(value, 'object') && value.props.has(PROTO);
}

/** The class: its properties are the base's with those written here over them. */
export function extendClass(base: Value, protoProps: ObjectValue): ObjectValue {
  const proto = newObject();
  const baseProto = isExtendedClass(base) ? base.props.get(PROTO)?.value : undefined;
  if (baseProto !== undefined) spreadInto(proto, baseProto);
  spreadInto(proto, protoProps);
  const cls = newObject();
  setMadeMember(cls, PROTO, proto);
  return cls;
}

/** `new X(...)`: the instance, its attributes from `defaults`, and `initialize`/`init` run. */
export function constructExtended(ctx: Extraction, cls: ObjectValue, args: Arg[], callNode: ts.Node): ObjectValue {
  const proto = cls.props.get(PROTO)?.value;
  const instance = newObject();
  instance.open = true;
  const attributes = newObject();
  attributes.open = true;
  setMadeMember(instance, ATTRIBUTES, attributes);
  if (!hasTag(proto, 'object')) return instance;
  proto.props.forEach((member, key) => {
    if (!hasTag(member.value, 'function')) instance.props.set(key, member);
  });
  bindMethods(ctx, proto, instance);
  const defaults = proto.props.get('defaults')?.value;
  spreadInto(attributes, hasTag(defaults, 'function') ? callValue(ctx, callNode, defaults, [], instance) : defaults);
  // Attributes passed to the constructor (`new Config({ rate: 0.01 })`) replace the defaults.
  if (hasTag(args[0]?.value, 'object')) spreadInto(attributes, args[0].value);
  for (const hook of ['initialize', 'init']) runHook(ctx, instance, hook, args, callNode);
  return instance;
}

/** An Ember component exported by default is made and inserted into the page. */
export function insertComponent(ctx: Extraction, cls: ObjectValue, callNode: ts.Node): void {
  const instance = constructExtended(ctx, cls, [], callNode);
  for (const hook of ['didReceiveAttrs', 'didInsertElement']) runHook(ctx, instance, hook, [], callNode);
}

function runHook(ctx: Extraction, instance: ObjectValue, hook: string, args: Arg[], callNode: ts.Node): void {
  const method = instance.props.get(hook)?.value;
  if (hasTag(method, 'function')) callValue(ctx, callNode, method, args, instance);
}

/** `instance.get(key)` and `instance.set(key, value)` of an instance made here; undefined for other calls. */
export function callInstanceAccessor(instance: ObjectValue, name: string, args: readonly Arg[]): Value | undefined {
  const attributes = instance.props.get(ATTRIBUTES)?.value;
  if (!hasTag(attributes, 'object') || (name !== 'get' && name !== 'set')) return undefined;
  const key = args[0]?.value;
  if (name === 'get') {
    if (typeof key !== 'string') return UNKNOWN;
    return attributes.props.get(key)?.value ?? instance.props.get(key)?.value ?? UNKNOWN;
  }
  if (typeof key === 'string') setMadeMember(attributes, key, args[1]?.value);
  else if (hasTag(key, 'object')) spreadInto(attributes, key);
  return instance;
}
