/**
 * Vue Options API components: `export default { data() {...}, methods: {...}, mounted() {...} }`,
 * `new Vue({...})`, `Vue.component(name, {...})`, `defineComponent({...})`. Vue makes an instance,
 * `this` in every option, whose data are what `data()` returns, whose props start at their
 * defaults, whose computed values follow from those, and whose methods are bound to it; then
 * `created` and `mounted` run. The instance is made the same way here, as a first page load makes
 * it (computed values are computed once, from the first data); methods nothing calls run as
 * uncalled code on it. Keys Vue adds (`$refs`, `$emit`, injected plugins) are unknown.
 */
import type ts from 'typescript';
import { callValue } from './calls';
import type { Extraction } from './context';
import { getMember } from './evaluate';
import { bindMethods } from './functions';
import { UNKNOWN, hasTag, newObject, spreadInto, type ObjectValue, type Value } from './values';

/** The hooks that run, in order, when a component is created and mounted. */
const LIFECYCLE = ['beforeCreate', 'created', 'beforeMount', 'mounted'];

/** Whether `value` is a component's options: methods or a data function, and another option beside. */
export function isVueOptions(value: Value): value is ObjectValue {
  if (!hasTag(value, 'object')) return false;
  const props = value.props;
  const methods = props.get('methods')?.value;
  const data = props.get('data')?.value;
  if (!hasTag(methods, 'object') && !hasTag(data, 'function')) return false;
  return ['data', 'methods', 'computed', 'created', 'mounted', 'watch', 'props'].filter((key) => props.has(key)).length >= 2;
}

/** Makes the instance of a component, once per options object, and runs its creation hooks. */
export function mountVueComponent(ctx: Extraction, options: ObjectValue, callNode: ts.Node): ObjectValue | undefined {
  if (ctx.mountedComponents.has(options)) return undefined;
  ctx.mountedComponents.add(options);
  const vm = newObject();
  vm.open = true;
  const option = (key: string) => options.props.get(key)?.value;
  const call = (fn: Value): Value => (hasTag(fn, 'function') ? callValue(ctx, callNode, fn, [], vm) : UNKNOWN);
  setPropDefaults(vm, option('props'));
  const data = option('data');
  spreadInto(vm, hasTag(data, 'function') ? call(data) : data);
  const methods = option('methods');
  if (hasTag(methods, 'object')) bindMethods(ctx, methods, vm);
  const computed = option('computed');
  if (hasTag(computed, 'object')) computed.props.forEach((member, key) => vm.props.set(key, { ...member, value: call(member.value) }));
  for (const hook of LIFECYCLE) call(option(hook));
  return vm;
}

/** `props: { lr: { type: Number, default: 0.01 } }`: each prop at its default, as a parent that passes none. */
function setPropDefaults(vm: ObjectValue, props: Value): void {
  if (!hasTag(props, 'object')) return;
  props.props.forEach((member, key) => {
    const fallback = hasTag(member.value, 'object') ? getMember(member.value, 'default') : undefined;
    // An object or array default is written as a factory; numbers, strings and booleans as themselves.
    if (typeof fallback === 'number' || typeof fallback === 'string' || typeof fallback === 'boolean') vm.props.set(key, { ...member, value: fallback });
  });
}
