/** Lexical scopes of the interpreted code: name -> abstract value, with a parent chain. */
import type { Value } from './values';

export class Scope {
  /** Created by the first declaration: most block and loop scopes declare nothing. */
  private vars: Map<string, Value> | undefined;

  constructor(readonly parent?: Scope) {}

  declare(name: string, value: Value): void {
    (this.vars ??= new Map()).set(name, value);
  }

  has(name: string): boolean {
    return this.vars?.has(name) ?? false;
  }

  /** The scope that binds `name`, if any. */
  find(name: string): Scope | undefined {
    for (let scope: Scope | undefined = this; scope; scope = scope.parent) {
      if (scope.vars?.has(name)) return scope;
    }
    return undefined;
  }

  lookup(name: string): Value | undefined {
    return this.find(name)?.vars?.get(name);
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
