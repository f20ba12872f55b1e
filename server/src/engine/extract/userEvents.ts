/**
 * Handlers of user-input events (`button.addEventListener('click', fn)`, jQuery's `.on('keydown', fn)`
 * or `.click(fn)`). Like a repeating scheduler's callbacks they run once for their many runs, so
 * the models they build and train are read and what they accumulate (`samples.push(s)`) has no
 * known size. But nobody may ever click: what they write over state the module already set (a store's
 * rate, a 'turbo' flag) is undone when they return, so the code that runs later reads the state a
 * first run has. A name that held only a placeholder (`let model = null`) keeps what the handler
 * wrote: code that reads it later can only mean the handler's value.
 */
import ts from 'typescript';
import type { Arg } from './calls';
import type { Extraction } from './context';
import { UNKNOWN, hasTag, type ObjectValue, type Value } from './values';
import { scanOncePerFile } from './fileScan';
import type { Scope } from './scope';

/** DOM events that fire only when the user acts; `load`, `DOMContentLoaded` and stream events do fire. */
const USER_INPUT_EVENTS = new Set([
  'click', 'dblclick', 'auxclick', 'contextmenu',
  'mousedown', 'mouseup', 'mousemove', 'mouseover', 'mouseout', 'mouseenter', 'mouseleave', 'wheel',
  'pointerdown', 'pointerup', 'pointermove', 'touchstart', 'touchend', 'touchmove',
  'keydown', 'keyup', 'keypress', 'input', 'change', 'submit', 'reset', 'select',
  'drop', 'dragstart', 'dragover', 'paste', 'copy', 'cut', 'focus', 'blur',
]);

const REGISTRATIONS = new Set(['addEventListener', 'on', 'one', 'once', 'addListener']);

/** p5.js element methods that register a handler of the user's input (`createButton('train').mousePressed(retrain)`). */
const P5_ELEMENT_EVENTS = new Set([
  'mousePressed', 'mouseReleased', 'mouseClicked', 'doubleClicked', 'mouseMoved', 'mouseOver', 'mouseOut', 'mouseWheel',
  'touchStarted', 'touchMoved', 'touchEnded', 'changed', 'dragOver', 'dragLeave',
]);

/**
 * Whether `receiver.name(...args)` registers a handler of a user-input event: a registration
 * method with a known event name (jQuery lists several: `'click touchend'`), a jQuery shorthand,
 * or a p5.js element's.
 */
export function registersUserEventHandler(name: string, args: readonly Arg[]): boolean {
  if (USER_INPUT_EVENTS.has(name) || P5_ELEMENT_EVENTS.has(name)) return args.length > 0 && hasTag(args[args.length - 1].value, 'function');
  if (!REGISTRATIONS.has(name)) return false;
  const events = args[0]?.value;
  return typeof events === 'string' && events.trim().split(/\s+/).every((event) => USER_INPUT_EVENTS.has(event.split('.')[0]));
}

/**
 * Runs a handler registration's handlers once the function that registers them returns, or at
 * once at a module's top level: a click comes after that code has run (a p5 sketch's `setup()`
 * wires its train button, then builds the model the handler trains).
 */
export function whenRegistrationEnds(ctx: Extraction, run: () => void): void {
  const pending = ctx.registeredHandlers[ctx.registeredHandlers.length - 1];
  if (pending) pending.push(run);
  else run();
}

/** Runs `body` (a function's), then the handlers it registered (whenRegistrationEnds). */
export function runRegisteringHandlers<T>(ctx: Extraction, body: () => T): T {
  const pending: (() => void)[] = [];
  ctx.registeredHandlers.push(pending);
  let result: T;
  try {
    result = body();
  } finally {
    ctx.registeredHandlers.pop();
  }
  for (const run of pending) run();
  return result;
}

/** An undo of one write, collected while a handler runs. */
export type Undo = () => void;

/** Runs a registration's `handlers`, then undoes their writes over set state. */
export function runUserEventHandlers(ctx: Extraction, handlers: readonly Value[], run: () => void): void {
  // The lists are looked up where the handlers see them: a page wrapped in a function keeps its state there.
  const scopes = [...handlers.flatMap((handler) => (hasTag(handler, 'function') ? [handler.closure] : [])), ctx.module.scope];
  forgetFilledListSizes(ctx, scopes);
  forgetCounts(ctx);
  const outer = ctx.undoLog;
  const log: Undo[] = [];
  ctx.undoLog = log;
  try {
    run();
  } finally {
    ctx.undoLog = outer;
    for (let i = log.length - 1; i >= 0; i--) log[i]();
  }
}

/** Notes the undo of a write that replaces `old`, while a user-event handler runs. */
export function noteOverwrite(ctx: Extraction, old: Value, undo: Undo): void {
  if (ctx.undoLog !== undefined && !isPlaceholder(old)) ctx.undoLog.push(undo);
}

/** A value that says "not set yet": undefined, null, 0, '' or an empty array or object. */
function isPlaceholder(value: Value): boolean {
  if (value === undefined || value === null || value === 0 || value === '') return true;
  if (hasTag(value, 'array')) return value.items.length === 0;
  return hasTag(value, 'object') && value.props.size === 0 && !value.open;
}

/**
 * A handler may run after any number of calls of the file's other functions: other handlers,
 * whichever registration comes first, and functions the page calls (a drawing pad's
 * `onSaveSample`). A module-level list one of them fills (`samples.push(s)`) has no known size
 * from then on, so a `samples.length < 20` guard may pass.
 */
function forgetFilledListSizes(ctx: Extraction, scopes: readonly Scope[]): void {
  const members = new Set<string>();
  for (const name of listsFilledInFunctions(ctx.module.sourceFile)) {
    if (name.startsWith('.')) {
      members.add(name.slice(1));
      continue;
    }
    const [root, member] = name.split('.');
    let list = scopes.map((scope) => scope.find(root)).find((scope) => scope !== undefined)?.lookup(root);
    if (member !== undefined) list = hasTag(list, 'object') ? list.props.get(member)?.value : undefined;
    if (hasTag(list, 'array')) list.lengthKnown = false;
  }
  // A module-level instance whose method fills its member (`agent.recordStep` pushing to
  // `this.steps`, called by the page through `window.heliostat`).
  if (members.size === 0) return;
  for (const [, value] of moduleVariables(ctx)) if (hasTag(value, 'object')) forgetMembers(value, members, 2);
}

/** The module's top-level variables with the values they hold now. */
function moduleVariables(ctx: Extraction): [string, Value][] {
  const { scope, sourceFile } = ctx.module;
  const variables: [string, Value][] = [];
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && scope.has(declaration.name.text)) variables.push([declaration.name.text, scope.lookup(declaration.name.text)]);
    }
  }
  return variables;
}

/**
 * The same for an instance whose methods run as code nobody calls, in any order: a replay buffer
 * that remember() fills (`this.memory.push(t)`, or `this.items.push(t)` in a Replay class it
 * holds) has no known size in trainStep(), so its warm-up guard decides nothing.
 */
export function forgetFilledMemberSizes(ctx: Extraction, instance: ObjectValue): void {
  const members = new Set(listsFilledInFunctions(ctx.module.sourceFile).filter((name) => name.startsWith('.')).map((name) => name.slice(1)));
  if (members.size > 0) forgetMembers(instance, members, 2);
}

function forgetMembers(object: ObjectValue, members: ReadonlySet<string>, depth: number): void {
  object.props.forEach(({ value }, key) => {
    if (hasTag(value, 'array') && members.has(key)) value.lengthKnown = false;
    else if (depth > 1 && hasTag(value, 'object')) forgetMembers(value, members, depth - 1);
  });
}

/**
 * The same for counts a function of the file keeps (`this.counts[label] += 1` in a dataset's
 * addExample, `samples++`): in a handler, a module-level number, or a number or list of numbers
 * in a module-level object (an instance's `counts`), has no known value, so a `ready()` that
 * checks every count against a minimum may pass.
 */
function forgetCounts(ctx: Extraction): void {
  const counted = new Set(countsKeptInFunctions(ctx.module.sourceFile));
  if (counted.size === 0) return;
  for (const [name, value] of moduleVariables(ctx)) {
    if (counted.has(name) && typeof value === 'number') ctx.module.scope.declare(name, UNKNOWN);
    else if (counted.has(`${name}[]`) && hasTag(value, 'array')) value.items.fill(UNKNOWN);
    else if (hasTag(value, 'object')) forgetCountedMembers(value, counted, 2);
  }
}

function forgetCountedMembers(object: ObjectValue, counted: ReadonlySet<string>, depth: number): void {
  object.props.forEach((member, key) => {
    const value = member.value;
    if (counted.has(`.${key}`) && typeof value === 'number') member.value = UNKNOWN;
    else if (counted.has(`.${key}[]`) && hasTag(value, 'array')) value.items.fill(UNKNOWN);
    else if (depth > 1 && hasTag(value, 'object')) forgetCountedMembers(value, counted, depth - 1);
  });
}

const COUNTING_OPERATORS = new Set([ts.SyntaxKind.PlusEqualsToken, ts.SyntaxKind.MinusEqualsToken]);

/**
 * What functions of the file count up or down (`n++`, `n += k`): a name as 'n', a member as
 * '.count', an element of a list as 'counts[]' or '.counts[]' (`this.counts[label] += 1`).
 */
const countsKeptInFunctions = scanOncePerFile<string>((node, _sourceFile, found) => {
  if (!ts.isFunctionLike(node)) return;
  const visit = (child: ts.Node): void => {
    if (ts.isFunctionLike(child)) return;
    const target = countedTarget(child);
    const name = target && countedName(target);
    // A constructor's own counts are done before any method runs (`this.total += units` over its layers).
    if (name !== undefined && !(name.startsWith('.') && ts.isConstructorDeclaration(node))) found.push(name);
    ts.forEachChild(child, visit);
  };
  ts.forEachChild(node, visit);
});

function countedTarget(node: ts.Node): ts.Expression | undefined {
  if ((ts.isPostfixUnaryExpression(node) || ts.isPrefixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) return node.operand;
  return ts.isBinaryExpression(node) && COUNTING_OPERATORS.has(node.operatorToken.kind) ? node.left : undefined;
}

function countedName(target: ts.Expression): string | undefined {
  if (ts.isIdentifier(target)) return target.text;
  if (ts.isPropertyAccessExpression(target)) return `.${target.name.text}`;
  if (!ts.isElementAccessExpression(target)) return undefined;
  const list = target.expression;
  if (ts.isIdentifier(list)) return `${list.text}[]`;
  return ts.isPropertyAccessExpression(list) ? `.${list.name.text}[]` : undefined;
}

const FILLING_METHODS = new Set(['push', 'unshift', 'splice']);

/**
 * The names of lists a function of the file fills: `name.push(...)`, `unshift`, `splice` in a
 * function body, each function's own body read once (a nested function is read as its own);
 * members filled (`this.memory.push(...)`) outside a constructor as '.memory', and those of a
 * named object (`recorded.labels.push(...)`) also as 'recorded.labels'.
 */
const listsFilledInFunctions = scanOncePerFile<string>((node, _sourceFile, found) => {
  if (!ts.isFunctionLike(node)) return;
  const visit = (child: ts.Node): void => {
    if (ts.isFunctionLike(child)) return;
    if (ts.isCallExpression(child) && ts.isPropertyAccessExpression(child.expression)) {
      const { expression: receiver, name } = child.expression;
      if (ts.isIdentifier(receiver) && FILLING_METHODS.has(name.text)) found.push(receiver.text);
      // A constructor's own fills are done before any method runs (a layer list built in a loop).
      else if (ts.isPropertyAccessExpression(receiver) && FILLING_METHODS.has(name.text) && !ts.isConstructorDeclaration(node)) {
        found.push(`.${receiver.name.text}`);
        // A module-level object's list (`recorded.labels.push(x)`).
        if (ts.isIdentifier(receiver.expression)) found.push(`${receiver.expression.text}.${receiver.name.text}`);
      }
    }
    ts.forEachChild(child, visit);
  };
  ts.forEachChild(node, visit);
});
