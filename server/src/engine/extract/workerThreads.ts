/**
 * A Node module that starts itself as a worker thread (`if (isMainThread) new Worker(__filename,
 * { workerData: { windowSize: 96 } }) else { const { windowSize } = workerData; ... }`): both
 * branches run, the main thread's in this process and the other in the worker it starts, so the
 * `isMainThread` test is no decision between variants; the main thread's branch runs first. The
 * worker's `workerData` is the data the module's own main thread sends: it is bound as an object
 * with nothing known of it (open), which the `new Worker` of the file fills; a second such `new
 * Worker` may send other data, and the object is unknown again. A module that never starts itself
 * keeps both unknown (another file starts it, with data not seen here), unless the files that
 * start it are among its importers: its `workerData` is then what they send (receiveStartersData).
 */
import ts from 'typescript';
import type { Extraction } from './context';
import { Properties } from './properties';
import { evaluate } from './evaluate';
import type { Scope } from './scope';
import { hasTag, newObject, setMadeMember, spreadInto, type ModuleContext, type ObjectValue, type UnknownValue, type Value } from './values';

const WORKER_THREADS = new Set(['worker_threads', 'node:worker_threads']);

/** The module's own file, as a worker's entry point is written: `__filename`, `fileURLToPath(import.meta.url)`. */
const OWN_FILE = /^(?:__filename|import\.meta\.(?:url|filename)|(?:url\.)?fileURLToPath\(\s*import\.meta\.url\s*\)|new URL\(\s*import\.meta\.url\s*\))$/;

/** The worker data each module that starts itself binds (filled by its `new Worker`). */
const sentData = new WeakMap<ModuleContext, ObjectValue>();

/** The worker data that the files starting a module send it (importerCalls.ts workerDataOfStarters). */
const startersData = new WeakMap<ModuleContext, Value>();

/** Notes what the module's starters send as its `workerData`, before the module runs. */
export function receiveStartersData(module: ModuleContext, data: Value): void {
  startersData.set(module, data);
}

/** The worker data objects some `new Worker` has filled already. */
const sends = new WeakSet<ObjectValue>();

/** Whether each source file starts itself (a walk of its tree, asked for every import binding and every `if`). */
const selfStarting = new WeakMap<ts.SourceFile, boolean>();

/** `isMainThread` in a module that starts itself: unknown, and told apart from other unknowns by identity. */
const MAIN_THREAD: UnknownValue = { tag: 'unknown' };

/**
 * An export of `worker_threads` in a module that starts itself (`name` '*' for the namespace, as
 * `require('worker_threads')` gives it): `workerData` is an open object the module's own `new
 * Worker(ownFile, { workerData })` fills, `isMainThread` the marker of the thread test; undefined,
 * the import as any other, for other names or when the module does not start itself.
 */
export function workerThreadsExport(module: ModuleContext, specifier: string, name: string): Value | undefined {
  if (!WORKER_THREADS.has(specifier)) return undefined;
  if (!startsItself(module.sourceFile)) {
    const sent = startersData.get(module);
    if (sent === undefined) return undefined;
    return name === 'workerData' ? sent : name === '*' ? namespaceWith(sent) : undefined;
  }
  if (name === 'isMainThread') return MAIN_THREAD;
  if (name === 'workerData') return dataOf(module);
  if (name !== '*') return undefined;
  const namespace = namespaceWith(dataOf(module));
  setMadeMember(namespace, 'isMainThread', MAIN_THREAD);
  return namespace;
}

/** `require('worker_threads')` with its `workerData`; its other members (`Worker`, `parentPort`) are unknown, as those of a package not modelled. */
function namespaceWith(data: Value): ObjectValue {
  const namespace = newObject();
  namespace.open = true;
  setMadeMember(namespace, 'workerData', data);
  return namespace;
}

function dataOf(module: ModuleContext): ObjectValue {
  let data = sentData.get(module);
  if (!data) {
    data = newObject();
    data.open = true;
    sentData.set(module, data);
  }
  return data;
}

/**
 * For `if (isMainThread)` in a module that starts itself: whether the then-branch is the main
 * thread's (true) or the worker's (`!isMainThread`, false); undefined for any other condition.
 */
export function mainThreadTest(ctx: Extraction, condition: ts.Expression, scope: Scope): boolean | undefined {
  if (!startsItself(ctx.module.sourceFile)) return undefined;
  const negated = ts.isPrefixUnaryExpression(condition) && condition.operator === ts.SyntaxKind.ExclamationToken;
  const tested = negated ? (condition as ts.PrefixUnaryExpression).operand : condition;
  const candidate = ts.isIdentifier(tested) || (ts.isPropertyAccessExpression(tested) && tested.name.text === 'isMainThread');
  if (!candidate || evaluate(ctx, tested, scope) !== MAIN_THREAD) return undefined;
  return !negated;
}

/** Whether the module's code (not a comment) writes `new Worker(ownFile, ...)`. */
function startsItself(sourceFile: ts.SourceFile): boolean {
  let answer = selfStarting.get(sourceFile);
  if (answer === undefined) {
    const visit = (node: ts.Node): boolean => (ts.isNewExpression(node) && startsOwnFile(sourceFile, node)) || ts.forEachChild(node, visit) === true;
    answer = /\bWorker\b/.test(sourceFile.text) && visit(sourceFile);
    selfStarting.set(sourceFile, answer);
  }
  return answer;
}

function startsOwnFile(sourceFile: ts.SourceFile, node: ts.NewExpression): boolean {
  const entry = node.arguments?.[0];
  return entry !== undefined && /(?:^|\.)Worker$/.test(node.expression.getText(sourceFile)) && OWN_FILE.test(entry.getText(sourceFile));
}

/** `new Worker(ownFile, { workerData })` in a module that starts itself: its data reaches the module's `workerData`. */
export function sendWorkerData(ctx: Extraction, node: ts.NewExpression, options: Value): boolean {
  const data = sentData.get(ctx.module);
  if (!data || !startsOwnFile(ctx.module.sourceFile, node)) return false;
  const sent = hasTag(options, 'object') ? options.props.get('workerData')?.value : undefined;
  const first = !sends.has(data);
  sends.add(data);
  if (first && hasTag(sent, 'object')) {
    spreadInto(data, sent);
    data.open = sent.open;
  } else {
    data.props = new Properties();
    data.open = true;
  }
  return true;
}
