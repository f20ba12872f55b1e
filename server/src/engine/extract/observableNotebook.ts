/**
 * Observable notebooks exported as JavaScript modules (`export default function define(runtime,
 * observer)`): each cell is a function the runtime calls with the values of the cells it names,
 * `main.variable(observer("model")).define("model", ["tf"], _model)`. The cells run in the order
 * the module defines them (a notebook's order), each with the values of the cells defined before
 * it; Observable's own `require` loads tfjs (`require("@tensorflow/tfjs@4")`), and any other input
 * it provides (`Inputs`, `Generators`, `FileAttachment`) is unknown.
 */
import type ts from 'typescript';
import { callValue, type Arg } from './calls';
import type { Extraction } from './context';
import { isTfjsPackage } from './imports';
import { UNKNOWN, hasTag, newTfRef, type Value } from './values';

/** The builtin path of the `require` a notebook's cells get (builtins.ts). */
export const OBSERVABLE_REQUIRE = 'observable.require';

/** The cells each run has defined, by name. */
const cellsOf = new WeakMap<Extraction, Map<string, Value>>();

/**
 * `x.define([name,] [inputs,] cell)` as Observable's runtime takes it, the cell a function of the
 * named inputs: runs the cell with the inputs' values and keeps its value under its name.
 * Undefined when the call is no cell definition (a cell written as a plain value is not read).
 */
export function defineNotebookCell(ctx: Extraction, callNode: ts.Node, args: Arg[]): Value | undefined {
  const named = typeof args[0]?.value === 'string';
  const rest = named ? args.slice(1) : args;
  const list = rest[0]?.value;
  const inputs = hasTag(list, 'array') ? list.items : [];
  const cell = hasTag(list, 'array') ? rest[1]?.value : list;
  if (!inputs.every((item) => typeof item === 'string') || !hasTag(cell, 'function') || rest.length !== (hasTag(list, 'array') ? 2 : 1)) return undefined;
  let cells = cellsOf.get(ctx);
  if (!cells) {
    cells = new Map();
    cellsOf.set(ctx, cells);
  }
  const known = cells;
  const values = (inputs as string[]).map((input): Arg => ({ value: known.has(input) ? known.get(input) : input === 'require' ? { tag: 'builtin', path: OBSERVABLE_REQUIRE } : UNKNOWN }));
  const value = callValue(ctx, callNode, cell, values);
  if (named) known.set(args[0].value as string, value);
  return UNKNOWN;
}

/** Observable's `require("@tensorflow/tfjs@4")`: tfjs; any other package is unknown. */
export function observableRequire(specifier: Value): Value {
  return typeof specifier === 'string' && isTfjsPackage(specifier) ? newTfRef([]) : UNKNOWN;
}
