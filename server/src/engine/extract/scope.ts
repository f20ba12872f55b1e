/** Lexical scopes of the interpreted code: name -> abstract value, with a parent chain. */
import type { Value } from './values';

/** What `resolve` returns for a name no scope binds (undefined is a value a name can have). */
export const NOT_BOUND: unique symbol = Symbol('not bound');

export class Scope {
  /** Created by the first declaration: most block and loop scopes declare nothing. */
  private vars: Map<string, Value> | undefined;
  /**
   * `this`, bound by every call of a function that is not an arrow: kept out of `vars`, so a call
   * of a function with no parameters and no locals makes no Map.
   */
  private bindsThis = false;
  private thisValue: Value = undefined;

  constructor(readonly parent?: Scope) {}

  declare(name: string, value: Value): void {
    if (name === 'this') {
      this.bindsThis = true;
      this.thisValue = value;
    } else {
      (this.vars ??= new Map()).set(name, value);
    }
  }

  has(name: string): boolean {
    return name === 'this' ? this.bindsThis : (this.vars?.has(name) ?? false);
  }

  /** The scope that binds `name`, if any. */
  find(name: string): Scope | undefined {
    for (let scope: Scope | undefined = this; scope; scope = scope.parent) {
      if (scope.has(name)) return scope;
    }
    return undefined;
  }

  /** The value bound to `name` here or in an enclosing scope, NOT_BOUND when none binds it: one walk up. */
  resolve(name: string): Value | typeof NOT_BOUND {
    if (name === 'this') {
      for (let scope: Scope | undefined = this; scope; scope = scope.parent) if (scope.bindsThis) return scope.thisValue;
      return NOT_BOUND;
    }
    for (let scope: Scope | undefined = this; scope; scope = scope.parent) {
      const vars = scope.vars;
      if (vars === undefined) continue;
      const value = vars.get(name);
      // A name bound to undefined reads as a miss: ask again.
      if (value !== undefined || vars.has(name)) return value;
    }
    return NOT_BOUND;
  }

  lookup(name: string): Value | undefined {
    const value = this.resolve(name);
    return value === NOT_BOUND ? undefined : value;
  }

  /** Assignment to an existing binding; an undeclared name becomes a binding of this scope's root. */
  assign(name: string, value: Value): void {
    const scope = this.find(name);
    if (scope) {
      scope.declare(name, value);
      return;
    }
    let root: Scope = this;
    while (root.parent) root = root.parent;
    root.declare(name, value);
  }
}
