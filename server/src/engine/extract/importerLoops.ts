/**
 * An importer's loops over lists it writes: `for (const topic of ACTIVE_TOPICS) { const spec =
 * resolveSpec(topic); buildDetector(spec) }`, `Object.keys(PROFILES).forEach((name) => ...)`, and
 * its own functions called once inside such a loop (`for (const job of JOBS) queue.add(() =>
 * runJob(job))`). A call of the analysed file written there runs once per item, as the analysed
 * file's own loops run (loops.ts): each pass binds the loop variable to its item, holds the
 * constants of the loop's body (and of the functions and callbacks the call is written in) as
 * that item makes them, and keeps its own results, so `resolveSpec(topic)` is one call per topic.
 *
 * Only a loop over a known list of at most MAX_ITEMS items is run so, and only where every
 * function between it and the call is the importer's own, called once, or a callback written in
 * place (its parameters unknown); a `while`, or a loop over a list not known, inside it runs once
 * with the values around it. Anything else (a method, a function called twice) leaves the call to
 * importerCalls.ts, which reads the loop variable as unknown.
 */
import ts from 'typescript';
import { bindPattern } from './assign';
import type { Extraction } from './context';
import { declaredOnce, onlyCall, ownFunctionAt, type OwnFunction } from './importerFunctions';
import { codeExcerpt } from '../listPhrase';
import { mapEntries } from './mapCollection';
import { Scope } from './scope';
import { isSymbolKey } from './symbols';
import { UNKNOWN, hasTag, isTagged, type Value } from './values';

const { isArrowFunction, isForInStatement, isForOfStatement, isFunctionExpression, isFunctionLike, isIdentifier, isIterationStatement, isPropertyAccessExpression, isVariableDeclarationList } = ts;

/** Items a loop may have to be run once per item. */
const MAX_ITEMS = 8;

/** Passes a call may be run in, over all the loops around it. */
const MAX_PASSES = 16;

/** How many of the importer's functions deep a call is followed to the loop that calls it. */
const MAX_CALL_DEPTH = 4;

/** Array methods whose callback runs once per item, with the item first. */
const EACH_METHODS = new Set(['forEach', 'map', 'flatMap']);

/** A construct between the importer's top level and a node: what runs the node, how often. */
export type Frame =
  | { kind: 'loop'; node: ts.ForOfStatement | ts.ForInStatement }
  | { kind: 'each'; node: ts.ArrowFunction | ts.FunctionExpression; call: ts.CallExpression }
  /** A function written here: a callback runs with the values around it; another kind is not followed. */
  | { kind: 'function'; node: ts.SignatureDeclaration }
  /** A loop whose passes are not items (`for (;;)`, `while`): what it runs is run an unknown number of times. */
  | { kind: 'repeat'; node: ts.IterationStatement }
  /** An own function entered through its one call (made by framePath, not by the scan). */
  | { kind: 'call'; node: OwnFunction['node']; call: ts.CallExpression };

/** The frame a walk enters going from `parent` to its `child`, if any. */
export function frameEntered(parent: ts.Node, child: ts.Node): Frame | undefined {
  if ((isForOfStatement(parent) || isForInStatement(parent)) && child === parent.statement) return { kind: 'loop', node: parent };
  if (isIterationStatement(parent, false) && child === (parent as ts.IterationStatement).statement) return { kind: 'repeat', node: parent as ts.IterationStatement };
  if (!isFunctionLike(child)) return undefined;
  if ((isArrowFunction(child) || isFunctionExpression(child)) && ts.isCallExpression(parent) && parent.arguments[0] === child && isPropertyAccessExpression(parent.expression) && EACH_METHODS.has(parent.expression.name.text)) {
    return { kind: 'each', node: child, call: parent };
  }
  return { kind: 'function', node: child };
}

/** What the scan records of the importer's frames (importerCalls.ts scanImporter). */
export interface LoopFrames {
  /** The frames around each call of the analysed file, each nested constant, each call of an own function; outermost first. */
  framesOf: Map<ts.Node, readonly Frame[]>;
  /** Per innermost frame (undefined: the top level), its `const` declarations of a name (not a pattern), in source order. */
  constantsIn: Map<ts.Node | undefined, ts.VariableDeclaration[]>;
  /** Per innermost frame, the names declared in it (parameters, locals). */
  namesIn: Map<ts.Node | undefined, Set<string>>;
}

export function emptyLoopFrames(): LoopFrames {
  return { framesOf: new Map(), constantsIn: new Map(), namesIn: new Map() };
}

/** One run of the code around a call: its scope, its calls' results, and the items its loops are at ("topic = 'wire'"). */
export interface Pass {
  scope: Scope;
  results: Map<ts.Node, Value>;
  items: readonly string[];
}

/** How the importer's code is read, from importerCalls.ts. */
export interface LoopReader {
  ctx: Extraction;
  sourceFile: ts.SourceFile;
  frames: LoopFrames;
  ownFunctions: ReadonlyMap<string, OwnFunction>;
  /** The importer's top level. */
  root: Pass;
  /** The value of an expression in a pass (its calls' results kept in the pass). */
  valueIn: (pass: Pass, node: ts.Expression) => Value;
  /** A name's value as the importer's calls see it (unknown where code may change it). */
  asSeen: (value: Value, name: string) => Value;
  /** Passes already entered, per frame and outer pass. */
  entered: Map<ts.Node, Map<Pass, Pass[] | undefined>>;
}

/**
 * The passes in which the node (a call of the analysed file, or a constant) runs, when a loop over
 * known items is around it; undefined when none is, or what runs it is not known.
 */
export function passesOf(reader: LoopReader, node: ts.Node): Pass[] | undefined {
  const path = framePath(reader, node, 0);
  if (!path || !path.some((frame) => frame.kind === 'loop' || frame.kind === 'each')) return undefined;
  let passes: Pass[] = [reader.root];
  for (const frame of path) {
    const next: Pass[] = [];
    for (const pass of passes) {
      const entered = enterOnce(reader, frame, pass, passes.length);
      if (!entered) return undefined;
      next.push(...entered);
    }
    passes = next;
  }
  return passes.some((pass) => pass.items.length > 0) ? passes : undefined;
}

/** The node's frames, outermost first, with an own function's frames replaced by those of its one call. */
function framePath(reader: LoopReader, node: ts.Node, depth: number): Frame[] | undefined {
  const frames = reader.frames.framesOf.get(node) ?? [];
  const first = frames[0];
  if (first?.kind !== 'function') return [...frames];
  const own = ownFunctionAt(reader.ownFunctions, first.node);
  if (!own) return [...frames];
  const call = onlyCall(own)?.call;
  if (!call || depth >= MAX_CALL_DEPTH) return undefined;
  const outer = framePath(reader, call, depth + 1);
  return outer && [...outer, { kind: 'call', node: own.node, call }, ...frames.slice(1)];
}

/** Enters the frame from one of `outerPasses` passes; a loop whose items would make more than MAX_PASSES passes runs as one of unknown items. */
function enterOnce(reader: LoopReader, frame: Frame, pass: Pass, outerPasses: number): Pass[] | undefined {
  let byPass = reader.entered.get(frame.node);
  if (!byPass) reader.entered.set(frame.node, (byPass = new Map()));
  if (byPass.has(pass)) return byPass.get(pass);
  // Entered once per outer pass, even when it gives up: a constant that reads itself ends here.
  byPass.set(pass, undefined);
  const passes = enter(reader, frame, pass, Math.floor(MAX_PASSES / outerPasses));
  byPass.set(pass, passes);
  return passes;
}

function enter(reader: LoopReader, frame: Frame, pass: Pass, maxItems: number): Pass[] | undefined {
  switch (frame.kind) {
    case 'loop': {
      const { node } = frame;
      if (!isVariableDeclarationList(node.initializer) || node.initializer.declarations.length !== 1) return undefined;
      const evaluated = reader.valueIn(pass, node.expression);
      // `for (const [name, spec] of SPECS)` over a Map walks its entries.
      const iterable = isForOfStatement(node) ? (mapEntries(reader.ctx, node, evaluated) ?? evaluated) : evaluated;
      const pattern = node.initializer.declarations[0].name;
      return eachItem(reader, node, pass, isForOfStatement(node) ? itemsOf(iterable, maxItems) : keysOf(iterable, maxItems), (inner, item, index) => {
        bindPattern(reader.ctx, pattern, item, inner.scope);
        return index === undefined ? undefined : describeItem(reader, pattern, item, node.expression, index, !isForOfStatement(node) || knownLength(iterable));
      });
    }
    case 'each': {
      const { node, call } = frame;
      const list = (call.expression as ts.PropertyAccessExpression).expression;
      const [itemParameter, indexParameter] = node.parameters;
      if (!itemParameter || itemParameter.dotDotDotToken) return undefined;
      const iterable = reader.valueIn(pass, list);
      return eachItem(reader, node, pass, itemsOf(iterable, maxItems), (inner, item, index) => {
        bindPattern(reader.ctx, itemParameter.name, item, inner.scope);
        if (indexParameter && isIdentifier(indexParameter.name)) inner.scope.declare(indexParameter.name.text, index ?? UNKNOWN);
        return index === undefined ? undefined : describeItem(reader, itemParameter.name, item, list, index, knownLength(iterable));
      });
    }
    case 'call': {
      const { node, call } = frame;
      if (call.arguments.some(ts.isSpreadElement)) return undefined;
      // An own function is written at the top level: its names hide only the top level's.
      const inner = innerPass(reader, node, pass, new Scope(reader.root.scope));
      node.parameters.forEach((parameter, index) => {
        if (parameter.dotDotDotToken) return;
        const argument = call.arguments[index];
        const value = argument ? reader.valueIn(pass, argument) : parameter.initializer ? reader.valueIn(inner, parameter.initializer) : undefined;
        bindPattern(reader.ctx, parameter.name, isIdentifier(parameter.name) ? reader.asSeen(value, parameter.name.text) : value, inner.scope);
      });
      return [declareConstants(reader, node, inner)];
    }
    case 'function':
      // A callback written in place (`queue.add(() => runJob(job))`) runs with the values around it; what it is handed is unknown.
      if (!isArrowFunction(frame.node) && !isFunctionExpression(frame.node)) return undefined;
      return [declareConstants(reader, frame.node, innerPass(reader, frame.node, pass, new Scope(pass.scope)))];
    case 'repeat':
      // Its body runs an unknown number of times, each with the values around it (what changes between its runs is a `let`, unknown).
      return [declareConstants(reader, frame.node, innerPass(reader, frame.node, pass, new Scope(pass.scope)))];
  }
}

/**
 * One pass per item, each binding its item (`bind` says which it is at); items not known give one
 * pass with the item unknown, as a `while` runs its body: what it holds is read with the values around it.
 */
function eachItem(reader: LoopReader, region: ts.Node, pass: Pass, items: Value[] | undefined, bind: (inner: Pass, item: Value, index: number | undefined) => string | undefined): Pass[] {
  if (!items) {
    const inner = innerPass(reader, region, pass, new Scope(pass.scope));
    bind(inner, UNKNOWN, undefined);
    return [declareConstants(reader, region, inner)];
  }
  return items.map((item, index) => {
    const inner = innerPass(reader, region, pass, new Scope(pass.scope));
    // An item's pass keeps results of its own: its calls run once per item.
    const itemPass = { ...inner, results: new Map(), items: [...pass.items, bind(inner, item, index)!] };
    return declareConstants(reader, region, itemPass);
  });
}

/** A pass inside `region`, its names unknown until bound. */
function innerPass(reader: LoopReader, region: ts.Node, outer: Pass, scope: Scope): Pass {
  for (const name of reader.frames.namesIn.get(region) ?? []) scope.declare(name, UNKNOWN);
  return { scope, results: outer.results, items: outer.items };
}

/** The region's constants declared once in it, each as its pass makes it. */
function declareConstants(reader: LoopReader, region: ts.Node, pass: Pass): Pass {
  for (const declaration of declaredOnce(reader.frames.constantsIn.get(region) ?? [])) {
    const name = (declaration.name as ts.Identifier).text;
    pass.scope.declare(name, reader.asSeen(reader.valueIn(pass, declaration.initializer!), name));
  }
  return pass;
}

/**
 * The items of a list of at most MAX_ITEMS (and `most`): each element of a known list, or each
 * item a list of a length not known may hold (`TENANTS.filter((t) => t.id !== 'batch' || weekend)`
 * keeps every tenant but one, and that one on some days).
 */
function itemsOf(iterable: Value, most: number): Value[] | undefined {
  if (!hasTag(iterable, 'array') || iterable.items.length > Math.min(MAX_ITEMS, most)) return undefined;
  // A spread of a list not known is one UNKNOWN item standing for any number.
  return knownLength(iterable) || !iterable.items.includes(UNKNOWN) ? iterable.items : undefined;
}

function knownLength(iterable: Value): boolean {
  return hasTag(iterable, 'array') && iterable.lengthKnown === true;
}

/** The keys `for (k in object)` walks: an object's own, when it is not open. */
function keysOf(object: Value, most: number): Value[] | undefined {
  if (!hasTag(object, 'object') || object.open || object.props.size > Math.min(MAX_ITEMS, most)) return undefined;
  const keys: Value[] = [];
  object.props.forEach((_, key) => {
    if (!isSymbolKey(key)) keys.push(key);
  });
  return keys;
}

/** "topic = 'wire'" for a written value; "job = NIGHTLY_JOBS[1]" for an object. */
function describeItem(reader: LoopReader, pattern: ts.BindingName, item: Value, list: ts.Expression, index: number, lengthKnown: boolean): string {
  const name = codeExcerpt(pattern.getText(reader.sourceFile));
  if (typeof item === 'string') return `${name} = '${codeExcerpt(item)}'`;
  if (typeof item === 'number' || typeof item === 'boolean') return `${name} = ${item}`;
  const listText = list.getText(reader.sourceFile);
  if (!lengthKnown) return `${name} = item ${index + 1} it may hold`;
  return isTagged(item) && /^[\w.$]+$/.test(listText) ? `${name} = ${listText}[${index}]` : `${name} = item ${index + 1}`;
}
