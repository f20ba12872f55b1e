/**
 * jQuery plugins: `$.fn.name = function (options) { var settings = $.extend({}, $.fn.name.defaults,
 * options); ... }` called as `$('.panel').name({ ... })`. In a script that writes plugins (it
 * names `$.fn` or `jQuery.fn`), the globals `$` and `jQuery` are one object: `$.fn` keeps the
 * plugins, `$.extend` merges as `Object.assign` does (deeply after `true`), and `$(selector)` is a
 * collection whose methods are those plugins, called with the options written. Functions passed to
 * `$(...)` (document ready) run once; everything else jQuery does is unknown.
 */
import { invokeCallbacks, type Arg } from './calls';
import { callLodash } from './lodash';
import type { Extraction } from './context';
import type { Scope } from './scope';
import { newObject, setMadeMember, spreadInto, type ObjectValue, type Value } from './values';

/** The member that marks the jQuery object: no key code writes. */
const JQUERY = '@@gradient-doctor/jquery';

/** Binds `$` and `jQuery` in a script that writes plugins (`$.fn.x = ...`), before it runs. */
export function declareJQuery(text: string, scope: Scope): void {
  // includes() first: a plain substring search, far faster than the regex over a long text.
  if (!text.includes('.fn') || !/(?:\$|\bjQuery)\.fn\b/.test(text)) return;
  const jquery = newObject();
  jquery.open = true;
  const fn = newObject();
  fn.open = true;
  setMadeMember(jquery, JQUERY, true);
  setMadeMember(jquery, 'fn', fn);
  setMadeMember(jquery, 'extend', { tag: 'builtin', path: 'jquery.extend' });
  scope.declare('$', jquery);
  scope.declare('jQuery', jquery);
}

export function isJQuery(value: ObjectValue): boolean {
  return value.props.has(JQUERY);
}

/** `$(...)`: a collection with the plugins of `$.fn`; a function given (document ready) runs once. */
export function callJQuery(ctx: Extraction, jquery: ObjectValue, args: Arg[]): Value {
  invokeCallbacks(ctx, args);
  const collection = newObject();
  collection.open = true;
  spreadInto(collection, jquery.props.get('fn')?.value);
  return collection;
}

/** `$.extend([deep,] target, ...sources)`. */
export function jqueryExtend(ctx: Extraction, args: Arg[]): Value {
  const deep = args[0]?.value === true;
  return callLodash(ctx, deep ? 'merge' : 'assign', deep ? args.slice(1) : args);
}
