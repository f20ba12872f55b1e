/**
 * `Object.defineProperty(obj, key, descriptor)` and `Object.defineProperties(obj, descriptors)` on
 * an object of the file: a `value` is the member, a `get` runs where the member is read (with the
 * object as `this`), a `set` runs where it is assigned. A descriptor not known leaves the member
 * unknown; a key not known may be any member, so the object is open.
 */
import { getMember } from './evaluate';
import { propertyKey } from './symbols';
import { NO_SPAN, UNKNOWN, hasTag, type Member, type ObjectValue, type Value } from './values';

export function defineProperty(target: Value, key: Value, descriptor: Value): Value {
  if (!hasTag(target, 'object')) return target;
  const name = propertyKey(key);
  if (name === undefined) target.open = true;
  else target.props.set(name, describedMember(target, descriptor));
  return target;
}

export function defineProperties(target: Value, descriptors: Value): Value {
  if (!hasTag(target, 'object')) return target;
  if (!hasTag(descriptors, 'object') || descriptors.open) target.open = true;
  if (hasTag(descriptors, 'object')) descriptors.props.forEach((member, key) => target.props.set(key, describedMember(target, member.value)));
  return target;
}

function describedMember(target: ObjectValue, descriptor: Value): Member {
  const member: Member = { value: UNKNOWN, span: NO_SPAN, valueSpan: NO_SPAN };
  if (!hasTag(descriptor, 'object')) return member;
  const get = getMember(descriptor, 'get');
  const set = getMember(descriptor, 'set');
  if (hasTag(get, 'function')) member.value = { ...get, thisValue: target, definedGetter: true };
  else if (get === undefined && set === undefined) member.value = getMember(descriptor, 'value');
  if (hasTag(set, 'function')) member.setter = { ...set, thisValue: target };
  return member;
}
