/**
 * `new Proxy(target, handler)` over settings (a view that falls back to defaults for keys the
 * target lacks, a strict view that throws on unknown keys): a member read runs the handler's
 * `get` trap with (target, key, proxy), or reads the target when there is none. Anything else of a
 * proxy (its keys, a spread, destructuring, `in`) is not modelled: the proxy is an open object
 * without members, so those read unknown.
 */
import type ts from 'typescript';
import type { Extraction } from './context';
import { getMember, throughGetter } from './evaluate';
import { invoke } from './functions';
import { UNKNOWN, hasTag, newObject, type ObjectValue, type Value } from './values';

/** What a proxy stands for (Extraction.proxies). */
export interface ProxyParts {
  target: Value;
  handler: ObjectValue;
}

export function makeProxy(ctx: Extraction, target: Value, handler: Value): Value {
  if (!hasTag(handler, 'object')) return UNKNOWN;
  const proxy = newObject();
  proxy.open = true;
  ctx.proxies.set(proxy, { target, handler });
  return proxy;
}

/** `proxy.key` or `proxy['key']`: what the `get` trap returns, or the target's member. */
export function readThroughProxy(ctx: Extraction, parts: ProxyParts, proxy: ObjectValue, key: string, read: ts.Node): Value {
  const trap = parts.handler.props.get('get')?.value;
  if (trap === undefined) return throughGetter(ctx, getMember(parts.target, key), read);
  return hasTag(trap, 'function') ? invoke(ctx, trap, [{ value: parts.target }, { value: key }, { value: proxy }], read) : UNKNOWN;
}
