/**
 * Calls from files that import the analysed one: `train.ts` does `import { buildModel } from
 * './models'` and `buildModel('lstm', 64)`. When models.ts is analysed, each such call runs the
 * factory with its arguments, exactly as a call in models.ts would: the literals pick branches, and
 * calls with different arguments give one variant each ("as called at train.ts:12 (...)"). A
 * `new CoreMLP({ inputDim: 64 })` of an exported class constructs it so, and so does `new
 * ChurnTrainer()` of the importer's own subclass (`class ChurnTrainer extends BaseTrainer`), or of
 * a subclass another importer exports (SubclassFiles): the analysed class's methods then run with
 * the subclass's fields and overrides.
 *
 * The caller provides the importers' texts (ExtractOptions.importers); the engine reads nothing.
 * Of an importer, only what the arguments need is interpreted: its imports, its constants that no
 * code can change (top-level ones, and local ones declared once in the file), the parameters of
 * its functions called once by name (functionScope), its own functions that call no code of the
 * analysed file (run for their values, as other workspace files' helpers are: a route's
 * `requestOptions(req.body)`), and calls of the analysed file, whose results
 * flow on as written, methods called on them included (a fluent builder's
 * `NetBuilder.fromPreset(opts).dense(5).build()`). Nothing else runs (the importer's own training is reported when the importer
 * is analysed), and an argument that needs more (another call, a value changed somewhere, another
 * parameter or local) is unknown, never guessed.
 */
import ts from 'typescript';
import { parseFresh } from '../incrementalParser';
import type { Arg } from './calls';
import type { CallSite } from './callSites';
import type { Extraction, ImporterText } from './context';
import { evaluate, getMember, skipOuterExpressions } from './evaluate';
import { bindPattern } from './assign';
import { callArrayMethod } from './arrays';
import { instantiate, makeClass } from './classes';
import { invoke, makeFunction } from './functions';
import { bindImports, exportOf } from './imports';
import { joinValues } from './valueJoin';
import { READING_METHODS, boundNames, classOfConstructor, constantsOf, declaredOnce, mayChangeArgument, mayChangeParameter, namesDeclaredIn, onlyConstruction, ownFunctionAt, ownFunctionsOf, readsOnly, singleCall, type OwnFunction, type OwnFunctionNode } from './importerFunctions';
import { DECLARES_SUBCLASS, extendsClause, hasModifier } from './modifiers';
import { mapMethodName } from './mapCollection';
import { REACT } from './reactHooks';
import { isDependencyList } from './reactHookCalls';
import { MODULE_ITSELF, moduleBindingsOf, type ModuleBinding } from './moduleBindings';
import { Scope } from './scope';
import { receiveStartersData } from './workerThreads';
import { collectExports, requireModule } from './workspaceImports';
import { asRelative, specifierReaches } from './specifiers';
import { MAX_SCANS, cachedScan, relativeName, rememberScan } from './importerScans';
import { emptyLoopFrames, frameEntered, passesOf, type Frame, type LoopFrames, type LoopReader, type Pass } from './importerLoops';
import { NO_SPAN, UNKNOWN, hasTag, isTagged, madeObject, newObject, setMadeMember, type ClassValue, type FunctionValue, type ModuleContext, type Value } from './values';

const {
  SyntaxKind, NodeFlags, forEachChild, isArrowFunction, isBinaryExpression, isCallExpression, isCatchClause, isClassLike, isDeleteExpression, isElementAccessExpression,
  isFunctionExpression, isFunctionLike, isIdentifier, isNewExpression, isObjectBindingPattern, isBindingElement, isParameter,
  isPostfixUnaryExpression, isPrefixUnaryExpression, isPropertyAccessExpression, isSpreadElement, isStringLiteralLike, isVariableDeclaration, isVariableDeclarationList, isVariableStatement,
  isFunctionDeclaration, isClassDeclaration, isBlock, isIterationStatement, isCaseBlock, isExportDeclaration, isNamedExports,
  isExportAssignment, isExpressionStatement, isObjectLiteralExpression, isShorthandPropertyAssignment, isPropertyAssignment,
} = ts;

/** Calls from importing files analysed per extraction run, a fluent chain counting once: as many as a definition keeps call sites. */
export const MAX_IMPORTER_CALLS = 16;

/** What an importer's text says about the analysed file, found by one walk of its tree. */
export interface ImporterScan {
  sourceFile: ts.SourceFile;
  /** Local names bound to the analysed file: the export each names ('*' for the whole module). */
  bindings: Map<string, string>;
  /**
   * Local names bound to another importer's exported subclass of an analysed class (`import {
   * KioskTrainer } from './kiosk-trainer'`, which extends the analysed TransferTrainer): that
   * importer's file, and the class's name there.
   */
  subclassImports: Map<string, { fileName: string; className: string }>;
  /** This file's subclasses of the analysed file's classes, by the names it exports them under. */
  exportedSubclasses: Map<string, string>;
  /** Calls of names imported from the analysed file, in source order, each with the function it is written in. */
  calls: { node: ImporterCall; nested: boolean; in: ts.Node | undefined }[];
  /** The importer's own top-level functions (importerFunctions.ts). */
  ownFunctions: Map<string, OwnFunction>;
  /** Functions written in place as a call's argument (`app.post('/retrain', async (req, res) => ...)`), with the function they are written in (undefined: the top level). */
  callbacks: Map<ts.Node, ts.Node | undefined>;
  /** Names declared below the top level (parameters, locals): unknown for nested calls. */
  localNames: Set<string>;
  /** How many declarations of each name the file has, at any level. */
  declarations: Map<string, number>;
  /** `const x = ...` below the top level, in source order. */
  localConstants: { declaration: ts.VariableDeclaration; in: ts.Node | undefined }[];
  /** Names whose object some code may change (through a member, a call it is passed to). */
  changed: Set<string>;
  /**
   * Per name, the paths of its members that a call received (`classes` of `loadScans(dir,
   * config.classes)`, `model.latent` of `{ latent: cfg.model.latent }`), written `a.b`: the call
   * may change what such a member holds, not the object's other members.
   */
  passedMembers: Map<string, Set<string>>;
  /** Per name, the paths of its members code assigns (`cfg.epochs = ...`): those are not known, the others are. */
  assignedMembers: Map<string, Set<string>>;
  /** Per name, the methods called on it or on one of its members. */
  methods: Map<string, Set<string>>;
  /**
   * Locals holding what a call of the analysed file made whose methods are called only to
   * initialize constants (`const model = builder.build()`): those calls are run, in order, as
   * the analysed file's code; they do not make the local unknown.
   */
  readByInitializers: Set<string>;
  /**
   * Calls of functions other workspace files export (`describe(cfg)` from presets.js): whether one
   * changes what it is handed is read from its body when the importer's imports are bound.
   */
  handedToImports: { callee: string; args: readonly ts.Expression[] }[];
  /**
   * `runs.push({ exp: chosen })`: values stored as elements of a named array. Storing changes
   * nothing in them; they may change where the array's elements can (markStored).
   */
  storedIn: { array: string; args: readonly ts.Expression[] }[];
  /** The loops and functions around its calls and constants (importerLoops.ts). */
  loops: LoopFrames;
  /** `new Worker(<the analysed file>, { workerData })`: the starts of the analysed file as a worker thread. */
  workerStarts: { node: ts.NewExpression; nested: boolean; in: ts.Node | undefined }[];
  /** `worker.postMessage(message)` on a local holding such a start: the messages the worker's handlers receive. */
  workerPosts: { node: ts.CallExpression; nested: boolean; in: ts.Node | undefined }[];
  /** The callbacks of `parentPort.on('message', (msg) => ...)`: a worker's handlers of its starters' messages. */
  messageHandlers: Set<ts.Node>;
}

/** The state of the importer calls of one extraction run. */
interface ImporterRun {
  ctx: Extraction;
  main: ModuleContext;
  runAsRoot: (run: () => void) => void;
  /** Calls of the analysed file still allowed in this run. */
  budget: number;
  /** What each importer call returned (a call is run once, where its value is first needed). */
  results: Map<ts.Node, Value>;
  /** The importer being read. */
  module: ModuleContext;
  importerName: string;
  /** Each importer's module and scopes, made once (a subclass file's when another importer needs its class). */
  prepared: Map<string, PreparedImporter>;
  /** The scans of the importers that export subclasses of the analysed file's classes. */
  subclassFiles: SubclassFiles;
  /** The items of the importer's loops the calls being run are at (importerLoops.ts): the call site names them. */
  items: readonly string[];
  /** The importers' own top-level functions that call no code of the analysed file: run for their values. */
  ownHelpers: Set<ts.Node>;
  /** Whether an importer that is a worker thread's entry reads what its starters send (`workerData`, messages); not in the run that reads those starters. */
  readsStarters: boolean;
}

interface PreparedImporter {
  module: ModuleContext;
  scopes: ImporterScopes;
}

interface ImporterScopes {
  top: Scope;
  nested: Scope;
  /** Per function of the importer called once by name: the scope its calls read (functionScope); null where there is none. */
  functions?: Map<ts.Node, Scope | null>;
  /** The importer's loops over known lists, whose calls run once per item. */
  loops: LoopReader;
  /** What the files starting the importer as a worker post to it (messagesOfStarters): its message handlers' argument. */
  messages?: Value;
}

/**
 * Runs the analysed file's exported functions once per call in an importing file, each as a
 * root walk (`runAsRoot`), before the functions nobody called run with unknown arguments. A call's
 * result flows on as the importer writes it: `const model = topicModel(5000, 20)` then
 * `trainTopics(model, batches)` trains that model.
 */
export function runImporterCalls(ctx: Extraction, main: ModuleContext, runAsRoot: (run: () => void) => void): void {
  const importers = ctx.options.importers;
  if (!importers || importers.length === 0) return;
  let exportsCollected = false;
  const barrels = barrelsOf(importers, main.fileName);
  const subclassFiles = subclassFilesOf(importers, main.fileName, barrels);
  const run: ImporterRun = { ctx, main, runAsRoot, budget: MAX_IMPORTER_CALLS, results: new Map(), module: main, importerName: main.fileName, prepared: new Map(), subclassFiles, items: [], ownHelpers: new Set(), readsStarters: true };
  for (const importer of importers) {
    if (importer.fileName === main.fileName) continue;
    const scan = subclassFiles.byFile.get(importer.fileName) ?? scanOf(importer, main.fileName, barrels, subclassFiles);
    if (!scan || scan.calls.length === 0) continue;
    if (!exportsCollected) {
      collectExports(ctx, main);
      exportsCollected = true;
    }
    const { module, scopes } = prepare(run, importer.fileName, scan);
    run.module = module;
    run.importerName = importer.fileName;
    for (const call of scan.calls) {
      withModule(ctx, main, module, () => {
        const passes = passesOf(scopes.loops, call.node);
        if (passes) for (const pass of passes) inPass(run, pass, () => callValue(run, call.node, pass.scope));
        else callValue(run, call.node, call.nested ? (functionScope(run, scan, call.in, scopes, 0) ?? scopes.nested) : scopes.top);
      });
    }
  }
  if (run.budget < 0) ctx.notes.push(`more than ${MAX_IMPORTER_CALLS} calls from importing files; only the first ${MAX_IMPORTER_CALLS} are analysed`);
}

/**
 * The `workerData` the files that start `main` (the analysed file, or an importer of it) as a
 * worker thread send it (`new Worker(path.join(__dirname, 'train-worker.js'), { workerData:
 * settings })` in main.js), read as importers' arguments are (valueOf), before `main` runs; what
 * several starts send in common (joinValues). Undefined when no importer starts it.
 */
export function workerDataOfStarters(ctx: Extraction, main: ModuleContext): Value | undefined {
  return fromStarters(ctx, main, (scan) => scan.workerStarts.map((start) => ({ site: start, read: (value) => (start.node.arguments?.[1] === undefined ? undefined : getMember(value(start.node.arguments[1]), 'workerData')) })));
}

/**
 * The messages the files that start `main` as a worker post to it (`worker.postMessage({ type:
 * 'train', ...form })`), joined as workerDataOfStarters joins their data: what a handler of
 * `parentPort.on('message', (msg) => ...)` receives. Undefined when no importer posts any.
 */
function messagesOfStarters(ctx: Extraction, main: ModuleContext): Value | undefined {
  return fromStarters(ctx, main, (scan) => scan.workerPosts.map((post) => ({ site: post, read: (value) => (post.node.arguments[0] === undefined ? undefined : value(post.node.arguments[0])) })));
}

type StarterSite = { nested: boolean; in: ts.Node | undefined };

/** What the importers that start `main` as a worker hand it at their `sites`, each read in its site's scope (nothing of `main` runs there), joined. */
function fromStarters(ctx: Extraction, main: ModuleContext, sitesOf: (scan: ImporterScan) => { site: StarterSite; read: (value: (node: ts.Expression) => Value) => Value }[]): Value | undefined {
  const importers = ctx.options.importers;
  if (!importers || importers.length === 0 || !/\bworker_threads\b/.test(main.sourceFile.text)) return undefined;
  const barrels = barrelsOf(importers, main.fileName);
  // Nothing of the analysed file has run yet: a call of it in the starter's data is not run.
  const run: ImporterRun = { ctx, main, runAsRoot: () => undefined, budget: 0, results: new Map(), module: main, importerName: main.fileName, prepared: new Map(), subclassFiles: NO_SUBCLASS_FILES, items: [], ownHelpers: new Set(), readsStarters: false };
  const sent: Value[] = [];
  for (const importer of importers) {
    if (importer.fileName === main.fileName) continue;
    const scan = scanOf(importer, main.fileName, barrels);
    const sites = scan ? sitesOf(scan) : [];
    if (!scan || sites.length === 0) continue;
    const { module, scopes } = prepare(run, importer.fileName, scan);
    run.module = module;
    run.importerName = importer.fileName;
    for (const { site, read } of sites) {
      const scope = site.nested ? (functionScope(run, scan, site.in, scopes, 0) ?? scopes.nested) : scopes.top;
      sent.push(withModule(ctx, main, module, () => read((node) => valueOf(run, node, scope))));
    }
  }
  return sent.length > 0 ? joinValues(sent) : undefined;
}

/**
 * The entry file of `new Worker(entry, ...)` as a relative specifier: `'./train-worker.js'`,
 * `path.join(__dirname, 'train-worker.js')` (or `resolve`), `new URL('./train-worker.mjs', import.meta.url)`.
 */
function workerEntry(node: ts.NewExpression): string | undefined {
  const callee = node.expression;
  const named = isIdentifier(callee) ? callee.text : isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  const entry = node.arguments?.[0];
  if (named !== 'Worker' || !entry) return undefined;
  if (isStringLiteralLike(entry)) return asRelative(entry.text);
  if (isNewExpression(entry) && isIdentifier(entry.expression) && entry.expression.text === 'URL' && entry.arguments?.[0] && isStringLiteralLike(entry.arguments[0])) return asRelative(entry.arguments[0].text);
  if (!isCallExpression(entry) || entry.arguments.length !== 2) return undefined;
  const join = isPropertyAccessExpression(entry.expression) ? entry.expression.name.text : isIdentifier(entry.expression) ? entry.expression.text : undefined;
  const [directory, file] = entry.arguments;
  return (join === 'join' || join === 'resolve') && isIdentifier(directory) && directory.text === '__dirname' && isStringLiteralLike(file) ? asRelative(file.text) : undefined;
}

/** An importer's module and scopes, made on first need; the importer being read is restored after. */
function prepare(run: ImporterRun, fileName: string, scan: ImporterScan): PreparedImporter {
  const known = run.prepared.get(fileName);
  if (known) return known;
  const module: ModuleContext = { sourceFile: scan.sourceFile, fileName, isMain: false, anchor: { start: 0, end: 0 }, scope: new Scope(), exports: new Map() };
  const reading = { module: run.module, importerName: run.importerName };
  run.module = module;
  run.importerName = fileName;
  try {
    // Declared before its scopes are made: an import cycle between two subclass files ends here.
    const prepared: PreparedImporter = { module, scopes: { top: module.scope, nested: module.scope, loops: loopReader(run, scan, module.scope) } };
    run.prepared.set(fileName, prepared);
    prepared.scopes = withModule(run.ctx, run.main, module, () => importerScopes(run, scan));
    return prepared;
  } finally {
    Object.assign(run, reading);
  }
}

function withModule<T>(ctx: Extraction, main: ModuleContext, module: ModuleContext, run: () => T): T {
  ctx.module = module;
  ctx.moduleDepth++;
  try {
    return run();
  } finally {
    ctx.moduleDepth--;
    ctx.module = main;
  }
}

/** A Map's methods that read it and run nothing. */
const MAP_READS: ReadonlySet<string> = new Set(['get', 'has']);

/** What a call can run: a function, or for `new` a class. */
function calleeOf(value: Value, constructs: boolean): FunctionValue | ClassValue | undefined {
  if (constructs) return hasTag(value, 'class') ? value : undefined;
  return hasTag(value, 'function') ? value : undefined;
}

/**
 * A value the importer writes: one that needs nothing to run (or only a global that reads, as
 * `Object.keys(PROFILES)`), a module it requires (read as its imports are: `const config =
 * require('./config.json')`), or the result of a call of the analysed file.
 */
function valueOf(run: ImporterRun, node: ts.Expression, scope: Scope): Value {
  const inner = skipOuterExpressions(node);
  if (needsNothingToRun(node) || (isCallExpression(inner) && (readsOnly(inner.expression) || isStateHook(run, inner.expression, scope)) && inner.arguments.every(needsNothingToRun))) return evaluate(run.ctx, node, scope);
  if (isRequireCall(inner, scope)) return requireModule(run.ctx, inner);
  if (isObjectLiteralExpression(inner)) return objectWritten(run, inner, scope);
  return (isCallExpression(inner) && listMadeFrom(run, inner, scope)) || ((isCallExpression(inner) || isNewExpression(inner)) && callValue(run, inner, scope)) || UNKNOWN;
}

/** React's useState: a component's `const [options] = useState({ cell: 'simpleRNN', units: 48 })` holds its initial value (reactHooks.ts). */
function isStateHook(run: ImporterRun, callee: ts.Expression, scope: Scope): boolean {
  if (!needsNothingToRun(callee)) return false;
  const value = evaluate(run.ctx, callee, scope);
  return hasTag(value, 'builtin') && value.path === `${REACT}.useState`;
}

/**
 * An object literal with calls in it (`{ lr: clampRate(body.lr), epochs: 8 }`): its members as
 * valueOf reads them, a call it cannot run unknown. Its keys are known, so a member the callee
 * reads with a fallback (`opts.lr ?? 0.05`) holds what the call returns, never the fallback. A
 * spread of a known object (`{ ...SETTINGS, epochs: fromEnv() }`) copies its members; a spread of
 * anything else, or a computed key, leaves the whole object unknown.
 */
function objectWritten(run: ImporterRun, node: ts.ObjectLiteralExpression, scope: Scope): Value {
  const { ctx } = run;
  const object = newObject(ctx.spanOf(node), node.properties.length);
  for (const property of node.properties) {
    if (ts.isSpreadAssignment(property)) {
      const spread = valueOf(run, property.expression, scope);
      if (!hasTag(spread, 'object') || spread.open) return UNKNOWN;
      spread.props.forEach((member, key) => object.props.set(key, { ...member, foreign: true }));
      continue;
    }
    if (!(isPropertyAssignment(property) || isShorthandPropertyAssignment(property)) || !(isIdentifier(property.name) || isStringLiteralLike(property.name))) return UNKNOWN;
    const written = isPropertyAssignment(property) ? property.initializer : property.name;
    object.props.set(property.name.text, { value: valueOf(run, written, scope), span: ctx.spanOf(property), valueSpan: ctx.spanOf(written), foreign: true });
  }
  return object;
}

/** Array methods that make a new list from a list and run no code of the list's own. */
const LIST_METHODS: ReadonlySet<string> = new Set(['map', 'filter', 'flatMap', 'slice', 'concat', 'flat']);

/**
 * A list the importer makes from a known list with callbacks that run no code of the analysed
 * file (`Object.keys(PRESETS).map(resolvePreset).filter((p) => p.enabled)`, another file's preset
 * resolver): the items a loop over it then runs once each (importerLoops.ts). A callback that
 * calls the analysed file's code is not run here: the loops run such a call once per item, as a
 * call site.
 */
function listMadeFrom(run: ImporterRun, node: ts.CallExpression, scope: Scope): Value | undefined {
  const callee = node.expression;
  if (!isPropertyAccessExpression(callee) || !LIST_METHODS.has(callee.name.text)) return undefined;
  if (!node.arguments.every((argument) => needsNothingToRun(argument) ? !isIdentifier(argument) || !runsAnalysedCode(run, argument, scope) : callsNoAnalysedCode(run, argument, scope))) return undefined;
  const list = valueOf(run, callee.expression, scope);
  if (!hasTag(list, 'array')) return undefined;
  return callArrayMethod(run.ctx, node, list, callee.name.text, node.arguments.map((argument) => ({ value: evaluate(run.ctx, argument, scope) })));
}

/** A callback written in place whose calls are all of code other than the analysed file's. */
function callsNoAnalysedCode(run: ImporterRun, callback: ts.Expression, scope: Scope): boolean {
  if (!isArrowFunction(callback) && !isFunctionExpression(callback)) return false;
  const callsAnalysed = (node: ts.Node): boolean => {
    if (isCallExpression(node) || isNewExpression(node)) {
      // A callee that needs code to run to be known (`make().fit()`) may be anything.
      if (!needsNothingToRun(node.expression) || runsAnalysedCode(run, node.expression, scope)) return true;
    }
    return forEachChild(node, callsAnalysed) === true;
  };
  return !callsAnalysed(callback.body);
}

/** Whether the callee (a name or member read) is a function or class of the analysed file. */
function runsAnalysedCode(run: ImporterRun, callee: ts.Expression, scope: Scope): boolean {
  const value = evaluate(run.ctx, callee, scope);
  if (hasTag(value, 'class')) return analysedClassOf(value, run.main) !== undefined;
  return hasTag(value, 'function') && value.module === run.main;
}

function isRequireCall(node: ts.Expression, scope: Scope): node is ts.CallExpression {
  return isCallExpression(node) && isIdentifier(node.expression) && node.expression.text === 'require' && !scope.find('require') && node.arguments.length === 1 && isStringLiteralLike(node.arguments[0]);
}

/** A call of a function of the analysed file, or `new` of one of its classes. */
type ImporterCall = ts.CallExpression | ts.NewExpression;

/**
 * Runs a call the importer makes (once per call) and returns its result; undefined when the
 * callee is none of these, or the budget is spent:
 * - a function of the analysed file, or `new` of one of its classes or of the importer's own
 *   subclass of one: a call site of the analysed file, run as a root walk;
 * - a function another workspace file exports (`const cfg = archConfig()` from defaults.mjs): run
 *   for its value, as the analysed file's imports are, so settings it merges reach the factory.
 */
function callValue(run: ImporterRun, node: ImporterCall, scope: Scope): Value | undefined {
  const { ctx, main, module } = run;
  if (run.results.has(node)) return run.results.get(node);
  const read = calleeValue(run, node, scope);
  // `ENCODERS.get(config.population)` of an analysed Map: a read that runs no code.
  if (hasTag(read, 'builtin') && MAP_READS.has(mapMethodName(read.path) ?? '') && node.arguments?.every(needsNothingToRun)) return evaluate(ctx, node, scope);
  const callee = calleeOf(read, isNewExpression(node));
  if (!callee) return undefined;
  // A method of an instance runs as its class's code: a base class's `build()` on an instance of the analysed subclass is the analysed file's.
  const instanceOf = callee.tag === 'function' && hasTag(callee.thisValue, 'object') ? callee.thisValue.instanceOf : undefined;
  if (instanceOf && usesAModel(node)) return undefined;
  const analysed = callee.tag === 'class' ? analysedClassOf(callee, main) : callee.module === main || (instanceOf && analysedClassOf(instanceOf, main)) ? callee : undefined;
  const callSite = analysed !== undefined;
  const helper = callee.tag === 'function' && !instanceOf && callee.module !== main && (callee.module !== module || run.ownHelpers.has(callee.node));
  if (!callSite && !helper) return undefined;
  const written = node.arguments ?? [];
  // A spread leaves the arguments' positions unknown.
  if (written.some(isSpreadElement)) return undefined;
  // A fluent chain (`new NetBuilder().input(490).hidden(64).build()`) is one call site of the budget.
  if (!isChainLink(node) && --run.budget < 0) return undefined;
  run.results.set(node, UNKNOWN);
  const args = written.map((argument) => {
    // Values written in the importer are reported at the function (or class) that receives them.
    if (analysed) module.anchor = (analysed.tag === 'function' ? analysed.nameSpan : undefined) ?? { start: analysed.node.getStart(main.sourceFile), end: analysed.node.end };
    return { value: valueOf(run, argument, scope) };
  });
  const result = callSite ? runAsCallSite(run, node, callee, args) : invoke(ctx, callee as FunctionValue, args);
  run.results.set(node, result);
  return result;
}

/** `<call>.method(...)`: a call of a method of what another call returned, the next link of a fluent chain. */
function isChainLink(node: ImporterCall): boolean {
  const callee = skipOuterExpressions(node.expression);
  if (!isPropertyAccessExpression(callee)) return false;
  const receiver = skipOuterExpressions(callee.expression);
  return isCallExpression(receiver) || isNewExpression(receiver);
}

/**
 * What a call calls: a name or member read (`buildModel`, `NetBuilder.fromPreset`, `builder.build`),
 * what an earlier call returned (`registry.get(kind)(cfg)`), or a method of what an earlier call returned (`NetBuilder.fromPreset(...).dense(5)`, a fluent
 * builder's chain), bound to that value.
 */
function calleeValue(run: ImporterRun, node: ImporterCall, scope: Scope): Value {
  const expression = node.expression;
  if (needsNothingToRun(expression)) return evaluate(run.ctx, expression, scope);
  // `registry.get(cfg.kind)(cfg)`: what the first call returns is called.
  if (isCallExpression(node) && isCallExpression(skipOuterExpressions(expression))) return valueOf(run, expression, scope);
  if (!isCallExpression(node) || !isPropertyAccessExpression(expression)) return UNKNOWN;
  const receiver = valueOf(run, expression.expression, scope);
  const method = getMember(receiver, expression.name.text);
  return hasTag(method, 'function') && method.thisValue === undefined ? { ...method, thisValue: receiver } : method;
}

/**
 * The analysed file's class that a class is or extends, however many files down (`class
 * KioskTrainer extends TransferTrainer` in another importer): constructing it runs that class's code.
 */
function analysedClassOf(value: ClassValue, main: ModuleContext): ClassValue | undefined {
  for (let current: ClassValue | undefined = value, depth = 0; current && depth < 16; current = current.base, depth++) if (current.module === main) return current;
  return undefined;
}

/** A call of the analysed file's code from the importer, run as a root walk with the importer's call site. */
function runAsCallSite(run: ImporterRun, node: ImporterCall, callee: FunctionValue | ClassValue, args: Arg[]): Value {
  const { ctx, main, module } = run;
  const site: CallSite = { start: node.getStart(module.sourceFile), end: node.end, importer: describeImporterCall(main.fileName, run.importerName, module.sourceFile, node, run.items) };
  let result: Value = UNKNOWN;
  ctx.module = main;
  try {
    run.runAsRoot(() => {
      ctx.callSpans.push(site);
      try {
        result = callee.tag === 'class' ? instantiate(ctx, callee, args) : invoke(ctx, callee, args);
      } finally {
        ctx.callSpans.pop();
      }
    });
  } finally {
    ctx.module = module;
  }
  return result;
}

/**
 * The importer's top-level scope (imports, and constants nothing changes whose initializers run
 * nothing), and the scope of calls inside functions and blocks, where local names hide them.
 */
function importerScopes(run: ImporterRun, scan: ImporterScan): ImporterScopes {
  const { ctx, main, module } = run;
  const top = module.scope;
  // A worker thread's entry (`const lr = workerData.lr ?? 0.05`): its data is what the files starting it send.
  const sent = run.readsStarters ? workerDataOfStarters(ctx, module) : undefined;
  if (sent !== undefined) receiveStartersData(module, sent);
  bindImports(ctx, module);
  markHandedToImports(run, scan, top);
  // The analysed file is bound to the module being walked, whether or not a reader could load it.
  for (const [local, exported] of scan.bindings) top.declare(local, exportOf({ kind: 'module', module: main }, exported));
  for (const [local, { fileName, className }] of scan.subclassImports) top.declare(local, subclassOf(run, fileName, className));
  for (const statement of scan.sourceFile.statements) {
    if (isVariableStatement(statement)) {
      const constant = (statement.declarationList.flags & NodeFlags.Const) !== 0;
      for (const declaration of statement.declarationList.declarations) {
        const name = declaration.name;
        if (isRequireOf(declaration, scan)) continue;
        // Unknown from here on if code may change it: a call below it may come after the change.
        if (constant && isIdentifier(name) && declaration.initializer) top.declare(name.text, asTheCallsSeeIt(valueOf(run, declaration.initializer, top), name.text, scan));
        else if (constant && isObjectBindingPattern(name) && declaration.initializer && isRequireCall(skipOuterExpressions(declaration.initializer), top)) {
          // `const { hparamsFor } = require('./hparams.cjs')`: another workspace file's exports, as an import binds them.
          bindPattern(ctx, name, valueOf(run, declaration.initializer, top), top);
          for (const bound of boundNames(name)) top.declare(bound, asTheCallsSeeIt(top.lookup(bound), bound, scan));
        } else declareUnknown(name, top);
      }
    } else if (isClassDeclaration(statement) && statement.name && extendsAnalysedClass(statement, scan)) {
      // `class ChurnTrainer extends BaseTrainer`: its fields and overrides are what the analysed class runs with.
      top.declare(statement.name.text, makeClass(ctx, statement, top));
    } else if (isFunctionDeclaration(statement) && statement.name && statement.body && !scan.calls.some(({ node }) => node.pos >= statement.pos && node.end <= statement.end)) {
      // A function of its own that calls no code of the analysed file runs for its value, as another workspace file's helpers do (`requestOptions(req.body)`).
      top.declare(statement.name.text, makeFunction(ctx, statement, top));
      run.ownHelpers.add(statement);
    } else if ((isFunctionDeclaration(statement) || isClassDeclaration(statement)) && statement.name) top.declare(statement.name.text, UNKNOWN);
  }
  for (const name of new Set([...scan.changed, ...scan.methods.keys(), ...scan.passedMembers.keys(), ...scan.assignedMembers.keys()])) {
    if (scan.bindings.has(name) || scan.subclassImports.has(name) || !top.find(name)) continue;
    top.declare(name, asTheCallsSeeIt(top.lookup(name), name, scan));
  }
  const nested = new Scope(top);
  for (const name of scan.localNames) nested.declare(name, UNKNOWN);
  const scopes: ImporterScopes = { top, nested, loops: loopReader(run, scan, top), messages: run.readsStarters && scan.messageHandlers.size > 0 ? messagesOfStarters(ctx, module) : undefined };
  // A local constant declared once in the file holds its initializer's value wherever it is read,
  // as its own function's scope reads it where there is one (a call in it is run once, there);
  // one in a loop over known items holds a value per item (importerLoops.ts).
  for (const { declaration, in: fn } of scan.localConstants) {
    const names = boundNames(declaration.name);
    if (names.some((name) => scan.declarations.get(name) !== 1) || passesOf(scopes.loops, declaration)) continue;
    const value = valueOf(run, declaration.initializer!, functionScope(run, scan, fn, scopes, 0) ?? nested);
    if (isIdentifier(declaration.name)) {
      nested.declare(declaration.name.text, asTheCallsSeeIt(value, declaration.name.text, scan));
      continue;
    }
    const elements = new Scope(nested);
    bindPattern(ctx, declaration.name, value, elements);
    for (const name of names) nested.declare(name, asTheCallsSeeIt(elements.lookup(name), name, scan));
  }
  return scopes;
}

/** The reader of the importer's loops, its top level the root pass (whose results are the run's). */
function loopReader(run: ImporterRun, scan: ImporterScan, top: Scope): LoopReader {
  return {
    ctx: run.ctx,
    sourceFile: scan.sourceFile,
    frames: scan.loops,
    ownFunctions: scan.ownFunctions,
    root: { scope: top, results: run.results, items: [] },
    valueIn: (pass, node) => inPass(run, pass, () => valueOf(run, node, pass.scope)),
    asSeen: (value, name) => asTheCallsSeeIt(value, name, scan),
    entered: new Map(),
  };
}

/** Runs `read` with the pass's results and items. */
function inPass<T>(run: ImporterRun, pass: Pass, read: () => T): T {
  const outer = { results: run.results, items: run.items };
  run.results = pass.results;
  run.items = pass.items;
  try {
    return read();
  } finally {
    Object.assign(run, outer);
  }
}

/** Marks what calls of other workspace files' functions are handed, where the function may change it; then what arrays hold (markStored). */
function markHandedToImports(run: ImporterRun, scan: ImporterScan, top: Scope): void {
  for (const { callee, args } of scan.handedToImports) {
    const fn = top.lookup(callee) ?? requiredFunction(run, scan, callee, top);
    args.forEach((argument, index) => {
      if (!hasTag(fn, 'function') || isSpreadElement(argument) || mayChangeParameter(fn.node, index)) markPassed(argument, scan);
    });
  }
  markStored(scan);
}

/**
 * A function the importer takes from another workspace file with `const { resolveWindow } =
 * require('./window.cjs')`, whose binding is made only after what calls hand on is marked.
 */
function requiredFunction(run: ImporterRun, scan: ImporterScan, name: string, top: Scope): Value | undefined {
  for (const statement of scan.sourceFile.statements) {
    if (!isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const required = declaration.initializer && skipOuterExpressions(declaration.initializer);
      if (!required || !isObjectBindingPattern(declaration.name) || !isRequireCall(required, top)) continue;
      const element = declaration.name.elements.find((bound) => isIdentifier(bound.name) && bound.name.text === name && !bound.dotDotDotToken);
      const key = element && (element.propertyName ?? element.name);
      if (key && (isIdentifier(key) || isStringLiteralLike(key))) return getMember(requireModule(run.ctx, required), key.text);
    }
  }
  return undefined;
}

/** `runs.push(x)`, `queue.unshift(x)` on a name: the values become the array's elements. */
function storesInNamedArray(call: ts.CallExpression): boolean {
  const callee = call.expression;
  return isPropertyAccessExpression(callee) && STORING_METHODS.has(callee.name.text) && isIdentifier(callee.expression);
}

const STORING_METHODS = new Set(['push', 'unshift']);

/**
 * Values stored in an array (storedIn) may change where the array itself is changed or handed to
 * code that may change it (`runs[0].exp.lr = 1`, `mutate(runs)`): then they are marked as passed.
 */
function markStored(scan: ImporterScan): void {
  for (const { array, args } of scan.storedIn) if (scan.changed.has(array) || scan.passedMembers.has(array)) for (const argument of args) markPassed(argument, scan);
}

/** Another importer's subclass of an analysed class, made in that importer's scope (its fields and overrides as written there). */
function subclassOf(run: ImporterRun, fileName: string, className: string): Value {
  const scan = run.subclassFiles.byFile.get(fileName);
  if (!scan) return UNKNOWN;
  const value = prepare(run, fileName, scan).scopes.top.lookup(className);
  return hasTag(value, 'class') ? value : UNKNOWN;
}

/** How many of the importer's functions deep a parameter is followed to the call that passes it. */
const MAX_FUNCTION_DEPTH = 4;

/**
 * The scope of the importer's calls written in `fn`, undefined where the file-wide nested scope
 * applies (a function called twice, exported or passed on by name, a method):
 * - a function of the importer that the file calls once by name (`crossValidate(cfg, data)` in
 *   main(), which main() itself is called once): its parameters hold that call's arguments as the
 *   caller's own scope reads them;
 * - a callback written in place (`app.post('/retrain', async (req, res) => { ... })`): its
 *   parameters are unknown, its enclosing function's scope is around it;
 * in both, its constants declared once in it hold their values and its other names are unknown
 * (a name another function declares too is still this one's).
 */
function functionScope(run: ImporterRun, scan: ImporterScan, fn: ts.Node | undefined, scopes: ImporterScopes, depth: number): Scope | undefined {
  if (fn === undefined || depth > MAX_FUNCTION_DEPTH) return undefined;
  scopes.functions ??= new Map();
  const known = scopes.functions.get(fn);
  if (known !== undefined) return known ?? undefined;
  scopes.functions.set(fn, null);
  const own = ownFunctionAt(scan.ownFunctions, fn);
  const constructed = own ? undefined : classOfConstructor(scan.sourceFile, fn);
  if (constructed) {
    const scope = constructorScope(run, scan, fn as ts.ConstructorDeclaration, constructed, scopes, depth);
    if (scope) scopes.functions.set(fn, scope);
    return scope;
  }
  const scope = own ? calledOnceScope(run, scan, own, scopes, depth) : scan.callbacks.has(fn) ? callbackScope(run, scan, fn as OwnFunctionNode, scopes, depth) : undefined;
  if (!scope) return undefined;
  const node = own?.node ?? (fn as OwnFunctionNode);
  for (const declaration of declaredOnce(constantsOf(node))) {
    const name = (declaration.name as ts.Identifier).text;
    if (!passesOf(scopes.loops, declaration)) scope.declare(name, asTheCallsSeeIt(valueOf(run, declaration.initializer!, scope), name, scan));
  }
  scopes.functions.set(fn, scope);
  return scope;
}

/**
 * The scope of the constructor of a class of the importer constructed once (`new
 * TraceTrainer('edge')` in main(), onlyConstruction): its parameters hold that construction's
 * arguments, and `this` the members its fields and its statements set, in order (`this.steps =
 * stepsOf(this.preset)`), as far as they are plain: a member a nested statement sets is unknown
 * from there, and every member once `this` is handed on or a method of it runs (it may set any).
 * Members it never sets are unknown, not absent.
 */
function constructorScope(run: ImporterRun, scan: ImporterScan, ctor: ts.ConstructorDeclaration, cls: ts.ClassDeclaration, scopes: ImporterScopes, depth: number): Scope | undefined {
  const site = ctor.body && onlyConstruction(scan.sourceFile, cls);
  const caller = site && (site.in === undefined ? scopes.top : functionScope(run, scan, site.in, scopes, depth + 1));
  if (!site || !caller || cls.heritageClauses) return undefined;
  const scope = new Scope(scopes.top);
  for (const name of namesDeclaredIn(ctor)) scope.declare(name, UNKNOWN);
  bindParameters(run, scan, ctor.parameters, site.node.arguments ?? [], caller, scope);
  const self = madeObject([], true);
  scope.declare('this', self);
  for (const member of cls.members) {
    if (ts.isPropertyDeclaration(member) && isIdentifier(member.name) && !hasModifier(member, SyntaxKind.StaticKeyword)) setMadeMember(self, member.name.text, member.initializer ? valueOf(run, member.initializer, scope) : undefined);
  }
  for (const statement of ctor.body!.statements) {
    const assigned = thisMemberAssignment(statement);
    if (assigned) {
      setMadeMember(self, assigned.name, valueOf(run, assigned.value, scope));
      continue;
    }
    if (isVariableStatement(statement) && (statement.declarationList.flags & NodeFlags.Const) !== 0) {
      for (const declaration of statement.declarationList.declarations) {
        if (isIdentifier(declaration.name) && declaration.initializer) scope.declare(declaration.name.text, asTheCallsSeeIt(valueOf(run, declaration.initializer, scope), declaration.name.text, scan));
      }
    }
    const touched = membersTouched(statement);
    if (touched === 'all') self.props.forEach((_, key) => setMadeMember(self, key, UNKNOWN));
    else for (const key of touched) setMadeMember(self, key, UNKNOWN);
  }
  return scope;
}

/** `this.name = value;` as a statement of its own. */
function thisMemberAssignment(statement: ts.Statement): { name: string; value: ts.Expression } | undefined {
  const expression = isExpressionStatement(statement) ? skipOuterExpressions(statement.expression) : undefined;
  if (!expression || !isBinaryExpression(expression) || expression.operatorToken.kind !== SyntaxKind.EqualsToken) return undefined;
  const target = expression.left;
  return isPropertyAccessExpression(target) && target.expression.kind === SyntaxKind.ThisKeyword ? { name: target.name.text, value: expression.right } : undefined;
}

/**
 * The members of `this` a statement may change: those it assigns (`this.x = ...`, `this.x++`),
 * or 'all' when it hands `this` on or calls a method of it (`Object.assign(this, cfg)`, `this.init()`).
 */
function membersTouched(statement: ts.Node): Set<string> | 'all' {
  const touched = new Set<string>();
  let all = false;
  const visit = (node: ts.Node, parent: ts.Node | undefined): void => {
    if (all) return;
    if (node.kind === SyntaxKind.ThisKeyword) {
      const readsMember = parent !== undefined && isPropertyAccessExpression(parent) && parent.expression === node;
      if (!readsMember) all = true;
      return;
    }
    if (isPropertyAccessExpression(node) && node.expression.kind === SyntaxKind.ThisKeyword) {
      const name = node.name.text;
      if (parent && isCallExpression(parent) && parent.expression === node) all = true;
      else if (parent && ((isBinaryExpression(parent) && isAssignment(parent.operatorToken.kind) && parent.left === node) || isPrefixUnaryExpression(parent) || isPostfixUnaryExpression(parent) || isDeleteExpression(parent))) touched.add(name);
    }
    forEachChild(node, (child) => visit(child, node));
  };
  visit(statement, undefined);
  return all ? 'all' : touched;
}

/** The scope of an own function called once by name, its parameters bound to that call's arguments. */
function calledOnceScope(run: ImporterRun, scan: ImporterScan, own: OwnFunction, scopes: ImporterScopes, depth: number): Scope | undefined {
  const site = singleCall(own);
  const caller = site && (site.in === undefined ? scopes.top : functionScope(run, scan, site.in, scopes, depth + 1));
  if (!site || !caller) return undefined;
  const scope = new Scope(scopes.top);
  for (const name of namesDeclaredIn(own.node)) scope.declare(name, UNKNOWN);
  bindParameters(run, scan, own.node.parameters, site.call.arguments, caller, scope);
  return scope;
}

/** Binds each plain parameter to its argument as the caller's scope reads it (its default when there is none); nothing when an argument is spread. */
function bindParameters(run: ImporterRun, scan: ImporterScan, parameters: readonly ts.ParameterDeclaration[], args: readonly ts.Expression[], caller: Scope, scope: Scope): void {
  if (args.some(isSpreadElement)) return;
  parameters.forEach((parameter, index) => {
    if (!isIdentifier(parameter.name) || parameter.dotDotDotToken) return;
    const argument = args[index];
    const value = argument ? valueOf(run, argument, caller) : parameter.initializer ? valueOf(run, parameter.initializer, scope) : undefined;
    scope.declare(parameter.name.text, asTheCallsSeeIt(value, parameter.name.text, scan));
  });
}

/** The scope of a callback written in place: its own names unknown, inside its enclosing function's scope. */
function callbackScope(run: ImporterRun, scan: ImporterScan, fn: OwnFunctionNode, scopes: ImporterScopes, depth: number): Scope {
  const enclosing = scan.callbacks.get(fn);
  const around = enclosing === undefined ? scopes.top : (functionScope(run, scan, enclosing, scopes, depth + 1) ?? scopes.nested);
  const scope = new Scope(around);
  for (const name of namesDeclaredIn(fn)) scope.declare(name, UNKNOWN);
  // A worker's handler of its starters' messages receives what they post.
  const message = fn.parameters[0];
  if (scan.messageHandlers.has(fn) && scopes.messages !== undefined && message && isIdentifier(message.name)) scope.declare(message.name.text, scopes.messages);
  return scope;
}

/** The locals that hold a start of the analysed file as a worker (`const worker = new Worker(...)`). */
function workerLocals(sourceFile: ts.SourceFile, starts: ReadonlySet<ts.Node>): Set<string> {
  const names = new Set<string>();
  if (starts.size === 0) return names;
  const visit = (node: ts.Node): void => {
    if (isVariableDeclaration(node) && isIdentifier(node.name) && node.initializer && starts.has(skipOuterExpressions(node.initializer))) names.add(node.name.text);
    forEachChild(node, visit);
  };
  visit(sourceFile);
  return names;
}

/** `parentPort.on('message', (msg) => ...)` (or `once`, `addListener`): a worker's handler of its starters' messages. */
function isMessageHandlerRegistration(node: ts.CallExpression): boolean {
  const callee = node.expression;
  if (!isPropertyAccessExpression(callee) || !['on', 'once', 'addListener'].includes(callee.name.text)) return false;
  const port = skipOuterExpressions(callee.expression);
  const isPort = (isIdentifier(port) && port.text === 'parentPort') || (isPropertyAccessExpression(port) && port.name.text === 'parentPort');
  const [event, handler] = node.arguments;
  return isPort && event !== undefined && isStringLiteralLike(event) && event.text === 'message' && handler !== undefined && (isArrowFunction(handler) || isFunctionExpression(handler));
}

/** Whether a class of the importer extends one the analysed file exports (`extends BaseTrainer`, `extends models.Base`). */
function extendsAnalysedClass(node: ts.ClassLikeDeclaration, scan: ImporterScan): boolean {
  const heritage = extendsClause(node)?.expression;
  return heritage !== undefined && namesAnalysedExport(heritage, scan.bindings);
}

/** Whether the expression names an export of the analysed file: a name bound to one (`buildModel`), or a member of the whole module (`models.buildModel`). */
function namesAnalysedExport(expression: ts.Expression, bindings: ReadonlyMap<string, string>): boolean {
  if (isIdentifier(expression)) return bindings.has(expression.text) && bindings.get(expression.text) !== '*';
  return isPropertyAccessExpression(expression) && isIdentifier(expression.expression) && bindings.get(expression.expression.text) === '*';
}

/** `const { buildModel } = require('./models')`: bound to the analysed file (or to a subclass file's class) already. */
function isRequireOf(declaration: ts.VariableDeclaration, scan: ImporterScan): boolean {
  const name = declaration.name;
  if (isIdentifier(name)) return scan.bindings.get(name.text) === '*' || scan.subclassImports.has(name.text);
  return isObjectBindingPattern(name) && name.elements.some((element) => isIdentifier(element.name) && (scan.bindings.has(element.name.text) || scan.subclassImports.has(element.name.text)));
}

/** A name's value where the importer's calls read it: unknown if code may change it, without the members other calls received. */
function asTheCallsSeeIt(value: Value, name: string, scan: ImporterScan): Value {
  // A class is still the class whatever code does with it (`QuickDraw.fetchClass(...)`, `Churn.COLUMNS.sort()`): only its statics may change.
  if (hasTag(value, 'class')) return withUnknownStatics(value, mayHaveChanged(value, name, scan) ? () => true : (key) => [...(scan.passedMembers.get(name) ?? [])].some((path) => path.split('.')[0] === key));
  return mayHaveChanged(value, name, scan) ? UNKNOWN : withoutPassedMembers(withoutAssignedMembers(value, scan.assignedMembers.get(name)), scan.passedMembers.get(name));
}

function withUnknownStatics(cls: ClassValue, unknown: (key: string) => boolean): ClassValue {
  return { ...cls, statics: new Map([...cls.statics].map(([key, held]) => [key, unknown(key) && isTagged(held) ? UNKNOWN : held])) };
}

/**
 * A primitive or a library cannot change; an object or array can, through a member, a method or a
 * call it is passed to; a model's architecture only through `add`/`pop` (`fit`, `compile`, `summary` leave it).
 */
function mayHaveChanged(value: Value, name: string, scan: ImporterScan): boolean {
  // A library's namespace (`tf.layers.dense(...)`, lodash's `_.merge(...)`) holds no state of the program's.
  if (!isTagged(value) || hasTag(value, 'tf') || hasTag(value, 'builtin')) return false;
  if (scan.changed.has(name)) return true;
  const methods = scan.methods.get(name);
  if (!methods || scan.readByInitializers.has(name)) return false;
  return !hasTag(value, 'model') || methods.has('add') || methods.has('pop');
}

function declareUnknown(name: ts.BindingName, scope: Scope): void {
  for (const bound of boundNames(name)) scope.declare(bound, UNKNOWN);
}

/** Whether evaluating the expression runs no code: no call, no function, no assignment. */
function needsNothingToRun(node: ts.Node): boolean {
  switch (node.kind) {
    case SyntaxKind.CallExpression:
    case SyntaxKind.NewExpression:
    case SyntaxKind.TaggedTemplateExpression:
    case SyntaxKind.AwaitExpression:
    case SyntaxKind.YieldExpression:
    case SyntaxKind.ArrowFunction:
    case SyntaxKind.FunctionExpression:
    case SyntaxKind.ClassExpression:
    case SyntaxKind.DeleteExpression:
    case SyntaxKind.PostfixUnaryExpression:
    case SyntaxKind.MethodDeclaration:
    case SyntaxKind.GetAccessor:
    case SyntaxKind.SetAccessor:
      return false;
    case SyntaxKind.PrefixUnaryExpression: {
      const operator = (node as ts.PrefixUnaryExpression).operator;
      if (operator === SyntaxKind.PlusPlusToken || operator === SyntaxKind.MinusMinusToken) return false;
      break;
    }
    case SyntaxKind.BinaryExpression:
      if (isAssignment((node as ts.BinaryExpression).operatorToken.kind)) return false;
      break;
  }
  return forEachChild(node, (child) => (needsNothingToRun(child) ? undefined : true)) === undefined;
}

function isAssignment(kind: ts.SyntaxKind): boolean {
  return kind >= SyntaxKind.FirstAssignment && kind <= SyntaxKind.LastAssignment;
}

function scanOf(importer: ImporterText, mainFile: string, barrels: Barrels, subclassFiles: SubclassFiles = NO_SUBCLASS_FILES): ImporterScan | undefined {
  const key = barrels.key + subclassFiles.key;
  const known = cachedScan(importer.fileName);
  if (known && known.mainFile === mainFile && known.barrels === key && known.text === importer.text) return known.scan;
  let scan: ImporterScan | undefined;
  try {
    scan = scanImporter(importer, mainFile, barrels, subclassFiles);
  } catch (error) {
    // Code nested too deeply to parse or walk: its calls stay unknown.
    if (!(error instanceof RangeError)) throw error;
  }
  rememberScan(importer.fileName, { text: importer.text, mainFile, barrels: key, scan });
  return scan;
}

/**
 * Importers that export their own subclass of an analysed class (`export class KioskTrainer
 * extends TransferTrainer`), with their scans: a file that imports the subclass and constructs it
 * runs the analysed class's code with the subclass's fields, as a barrel's importer calls the
 * factory. One file deep: a subclass of such a subclass in a third file is not followed.
 */
interface SubclassFiles {
  byFile: Map<string, ImporterScan>;
  /** Says what the map holds, for the scans cache. */
  key: string;
}

const NO_SUBCLASS_FILES: SubclassFiles = { byFile: new Map(), key: '' };

function subclassFilesOf(importers: readonly ImporterText[], mainFile: string, barrels: Barrels): SubclassFiles {
  const byFile = new Map<string, ImporterScan>();
  for (const importer of importers) {
    if (importer.fileName === mainFile || !DECLARES_SUBCLASS.test(importer.text)) continue;
    const scan = scanOf(importer, mainFile, barrels);
    if (scan && scan.exportedSubclasses.size > 0) byFile.set(importer.fileName, scan);
  }
  const key = byFile.size === 0 ? '' : JSON.stringify([...byFile].map(([file, scan]) => [file, [...scan.exportedSubclasses]]));
  return { byFile, key };
}

/**
 * Barrels among the importers: files that re-export the analysed file's exports (`export * from
 * './factory'`, `export { buildModel as createModel } from './factory'`), directly or through
 * another barrel, each with the names it gives them. An import from a barrel binds those names.
 */
interface Barrels {
  byFile: Map<string, ReExports>;
  /** Says what the map holds, for the scans cache. */
  key: string;
}

/** A barrel's names for the analysed file's exports: `all` passes every name on unchanged. */
interface ReExports {
  all: boolean;
  names: Map<string, string>;
}

function barrelsOf(importers: readonly ImporterText[], mainFile: string): Barrels {
  const byFile = new Map<string, ReExports>();
  const candidates = importers
    .filter((importer) => /\bexport\b[^;]*\bfrom\b/.test(importer.text))
    .map((importer) => ({ fileName: importer.fileName, declarations: reExportDeclarationsOf(importer) }));
  // Each pass finds the barrels of the analysed file or of a barrel already found (two deep).
  for (let pass = 0; pass < 2; pass++) {
    for (const { fileName, declarations } of candidates) {
      if (byFile.has(fileName)) continue;
      const reExports = reExportsOf(fileName, declarations, mainFile, byFile);
      if (reExports) byFile.set(fileName, reExports);
    }
  }
  const key = byFile.size === 0 ? '' : JSON.stringify([...byFile].map(([file, { all, names }]) => [file, all, [...names]]));
  return { byFile, key };
}

/** `export * from './x'` (no `names`) or `export { a as b } from './x'` (names as [exported, local]), as written. */
interface ReExportDeclaration {
  specifier: string;
  names?: [string, string][];
}

/**
 * An importer's re-export declarations, parsed once per text: the server asks on every keystroke
 * in the analysed file, with the same importers. Bounded like the scans.
 */
const reExportDeclarations = new Map<string, { text: string; declarations: ReExportDeclaration[] }>();

function reExportDeclarationsOf(importer: ImporterText): ReExportDeclaration[] {
  const known = reExportDeclarations.get(importer.fileName);
  if (known?.text === importer.text) return known.declarations;
  const declarations: ReExportDeclaration[] = [];
  let statements: readonly ts.Statement[] = [];
  try {
    statements = parseFresh(importer.fileName, importer.text).statements;
  } catch (error) {
    // Code nested too deeply to parse: no re-exports read, as scanOf reads no calls.
    if (!(error instanceof RangeError)) throw error;
  }
  for (const statement of statements) {
    if (!isExportDeclaration(statement) || !statement.moduleSpecifier || !isStringLiteralLike(statement.moduleSpecifier) || statement.isTypeOnly) continue;
    const clause = statement.exportClause;
    if (!clause) declarations.push({ specifier: statement.moduleSpecifier.text });
    else if (isNamedExports(clause)) declarations.push({ specifier: statement.moduleSpecifier.text, names: clause.elements.map((element) => [element.name.text, (element.propertyName ?? element.name).text]) });
  }
  reExportDeclarations.delete(importer.fileName);
  if (reExportDeclarations.size >= MAX_SCANS) reExportDeclarations.delete(reExportDeclarations.keys().next().value!);
  reExportDeclarations.set(importer.fileName, { text: importer.text, declarations });
  return declarations;
}

function reExportsOf(fileName: string, declarations: readonly ReExportDeclaration[], mainFile: string, barrels: ReadonlyMap<string, ReExports>): ReExports | undefined {
  let found: ReExports | undefined;
  for (const { specifier, names } of declarations) {
    const inner = exportsReachedBy(fileName, specifier, mainFile, barrels);
    if (!inner) continue;
    found ??= { all: false, names: new Map() };
    if (!names) {
      if (inner.all) found.all = true;
      inner.names.forEach((exported, name) => found!.names.set(name, exported));
    } else {
      for (const [exported, local] of names) {
        const original = nameThrough(inner, local);
        if (original !== undefined) found.names.set(exported, original);
      }
    }
  }
  return found;
}

/** The analysed file's own names, as an import of the file itself sees them. */
const SAME_NAMES: ReExports = { all: true, names: new Map() };

/**
 * How the module `specifier` (written in `fromFile`) names the analysed file's exports: the file
 * itself by their own names, a barrel by the names it gives; undefined for any other module.
 */
function exportsReachedBy(fromFile: string, specifier: string, mainFile: string, barrels: ReadonlyMap<string, ReExports>): ReExports | undefined {
  if (specifierReaches(fromFile, specifier, mainFile)) return SAME_NAMES;
  for (const [file, reExports] of barrels) if (specifierReaches(fromFile, specifier, file)) return reExports;
  return undefined;
}

/** The analysed file's export that a barrel's `name` stands for. */
function nameThrough(reExports: ReExports, name: string): string | undefined {
  return reExports.names.get(name) ?? (reExports.all ? name : undefined);
}

/**
 * Methods that use a model the analysed file made, and build none: `head.predict(xs)` of a
 * core-API head runs its forward pass again, which would read as one more, untrained, model.
 */
const USES_A_MODEL: ReadonlySet<string> = new Set(['predict', 'predictOnBatch', 'evaluate', 'evaluateDataset', 'execute', 'executeAsync', 'summary', 'save', 'dispose', 'getWeights', 'setWeights', 'toJSON']);

function usesAModel(node: ImporterCall): boolean {
  return isCallExpression(node) && isPropertyAccessExpression(node.expression) && USES_A_MODEL.has(node.expression.name.text);
}

/** The names an importer binds to the analysed file (directly or through a barrel), its calls of them, and its local and changed names. */
function scanImporter(importer: ImporterText, mainFile: string, barrels: Barrels, subclassFiles: SubclassFiles): ImporterScan | undefined {
  // Most workspace files import other modules: test the specifiers before parsing.
  const mayStartWorker = /\bnew\s+Worker\b/.test(importer.text);
  if (!/['"]\.{1,2}\//.test(importer.text) && !mayStartWorker) return undefined;
  const mentions = (specifier: string) => specifierReaches(importer.fileName, specifier, mainFile);
  const sourceFile = parseFresh(importer.fileName, importer.text);
  // A file that does not parse is being edited: its calls say nothing yet about what it will pass.
  if ((sourceFile as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length) return undefined;
  const bindings = new Map<string, string>();
  const moduleBindings = moduleBindingsOf(sourceFile);
  for (const binding of moduleBindings) {
    if (binding.kind === 'require') {
      if (mentions(binding.specifier)) for (const [local, exported] of binding.names) bindings.set(local, exported === MODULE_ITSELF ? '*' : exported);
      continue;
    }
    const reExports = exportsReachedBy(importer.fileName, binding.specifier, mainFile, barrels.byFile);
    if (!reExports) continue;
    for (const [local, name] of binding.names) {
      const original = nameThrough(reExports, name);
      if (original !== undefined) bindings.set(local, original);
    }
    // A namespace keeps member names: only a barrel that passes every name on unchanged.
    if (binding.namespace !== undefined && reExports.all && reExports.names.size === 0) bindings.set(binding.namespace, '*');
  }
  const subclassImports = importedSubclasses(moduleBindings, importer.fileName, subclassFiles);
  const workspaceFunctions = new Set(moduleBindings.filter((binding) => binding.specifier.startsWith('.') && !mentions(binding.specifier)).flatMap((binding) => binding.names.map(([local]) => local)));
  if (bindings.size === 0 && subclassImports.size === 0 && !mayStartWorker) return undefined;
  const scan: ImporterScan = { sourceFile, bindings, subclassImports, exportedSubclasses: new Map(), calls: [], ownFunctions: ownFunctionsOf(sourceFile), callbacks: new Map(), localNames: new Set(), declarations: new Map(), localConstants: [], changed: new Set(), passedMembers: new Map(), assignedMembers: new Map(), methods: new Map(), readByInitializers: new Set(), handedToImports: [], storedIn: [], loops: emptyLoopFrames(), workerStarts: [], workerPosts: [], messageHandlers: new Set() };
  // The importer's own subclasses of the analysed file's classes: constructing one runs the analysed class's code.
  const subclasses = new Set(sourceFile.statements.flatMap((statement) => (isClassDeclaration(statement) && statement.name && extendsAnalysedClass(statement, scan) ? [statement.name.text] : [])));
  scan.exportedSubclasses = exportedNames(sourceFile, subclasses);
  // Locals that hold what a call of the analysed file returned (`const builder = NetBuilder.fromPreset()`),
  // the calls of their methods that initialize constants, and the locals with other method calls.
  const made = new Set<string>();
  const initializerCalls = new Set<ts.Node>();
  const calledOtherwise = new Set<string>();
  const isFactoryCall = (node: ImporterCall): boolean => {
    const callee = node.expression;
    if (isIdentifier(callee) && isNewExpression(node) && (subclasses.has(callee.text) || subclassImports.has(callee.text))) return true;
    if (namesAnalysedExport(callee, bindings) || (isCallExpression(node) && isPropertyAccessExpression(callee) && madeByAnalysedFile(callee.expression))) return true;
    // `registry.get(kind)(cfg)`, `makeEncoder()` of `const makeEncoder = ENCODERS.get(kind)`, `new Tower(cfg)` of
    // `const Tower = TOWER_CLASSES[kind]`, `new TOWER_CLASSES[kind](cfg)`: what the analysed file handed out is called.
    const inner = skipOuterExpressions(callee);
    if (isIdentifier(inner)) return made.has(inner.text);
    return (isCallExpression(node) && isCallExpression(inner) && isFactoryCall(inner)) || (isElementAccessExpression(inner) && madeByAnalysedFile(inner));
  };
  // A static member of an exported class, an entry of an exported table, a local holding what the file made, or a call's result:
  // its methods may be the analysed file's code (a fluent builder's `.dense(64).build()`).
  const madeByAnalysedFile = (expression: ts.Expression): boolean => {
    const inner = skipOuterExpressions(expression);
    if (isIdentifier(inner)) return made.has(inner.text) || (bindings.has(inner.text) && bindings.get(inner.text) !== '*');
    if (isElementAccessExpression(inner)) return madeByAnalysedFile(inner.expression);
    return (isCallExpression(inner) || isNewExpression(inner)) && isFactoryCall(inner);
  };
  // Names declared in a function that holds no call of the analysed file (another function's
  // parameter `cfg`) hide nothing from those calls: they count only where calls are.
  const functions: ts.Node[] = [];
  const withCalls = new Set<ts.Node | undefined>([undefined]);
  const declared: { name: string; nested: boolean; in: ts.Node | undefined }[] = [];
  const constants: { declaration: ts.VariableDeclaration; in: ts.Node | undefined }[] = [];
  // Arguments handed to the importer's own functions: changed only where the function changes its parameter (decided after the walk).
  const handedOn: { fn: OwnFunction; args: readonly ts.Expression[] }[] = [];
  // Per enclosing class, whether it extends an analysed class: its `super(...)` runs the analysed
  // constructor, which the analysis reads, so what it is handed is not handed to unknown code.
  const classes: boolean[] = [];
  const extendsAnalysed = (node: ts.ClassLikeDeclaration): boolean => {
    const heritage = extendsClause(node)?.expression;
    return extendsAnalysedClass(node, scan) || (heritage !== undefined && isIdentifier(heritage) && (subclasses.has(heritage.text) || subclassImports.has(heritage.text)));
  };
  // The loops and functions around the node being walked (importerLoops.ts), outermost first.
  const frames: Frame[] = [];
  const innermost = () => frames[frames.length - 1]?.node;
  const noteFrames = (node: ts.Node) => {
    if (frames.length > 0) scan.loops.framesOf.set(node, frames.slice());
  };
  // `postMessage` calls, by the name of their receiver, and the starts of the analysed file as a worker (kept if a local holds one).
  const posts: { receiver: string; post: ImporterScan['workerPosts'][number] }[] = [];
  const startedIn = new Set<ts.Node>();
  const noteCall = (node: ImporterCall, nested: boolean) => {
    scan.calls.push({ node, nested, in: functions[functions.length - 1] });
    for (const fn of functions) withCalls.add(fn);
    noteFrames(node);
  };
  const visit = (node: ts.Node, nested: boolean): void => {
    const enclosing = functions[functions.length - 1];
    if (isCallExpression(node)) {
      if (isIdentifier(node.expression) && scan.ownFunctions.has(node.expression.text)) noteFrames(node);
      for (const argument of node.arguments) if (isArrowFunction(argument) || isFunctionExpression(argument)) scan.callbacks.set(argument, enclosing);
      if (isMessageHandlerRegistration(node)) scan.messageHandlers.add(node.arguments[1]);
      const factory = isFactoryCall(node);
      const receiver = isPropertyAccessExpression(node.expression) ? skipOuterExpressions(node.expression.expression) : undefined;
      // The worker gets a copy of the message (a structured clone): the starter's objects do not change.
      const posted = receiver !== undefined && isIdentifier(receiver) && (node.expression as ts.PropertyAccessExpression).name.text === 'postMessage';
      if (posted) {
        posts.push({ receiver: receiver.text, post: { node, nested, in: enclosing } });
        for (const fn of functions) withCalls.add(fn);
        noteFrames(node);
      }
      if (receiver && isIdentifier(receiver) && made.has(receiver.text) && !initializerCalls.has(node)) calledOtherwise.add(receiver.text);
      if (factory) noteCall(node, nested);
      if (isPropertyAccessExpression(node.expression)) noteMethod(node.expression, scan.methods);
      else if (isElementAccessExpression(node.expression)) markChanged(node.expression.expression, scan.changed);
      // Another function may change what it receives.
      const own = isIdentifier(node.expression) ? scan.ownFunctions.get(node.expression.text) : undefined;
      const superOfAnalysed = node.expression.kind === SyntaxKind.SuperKeyword && classes[classes.length - 1] === true;
      if (own && !factory) handedOn.push({ fn: own, args: node.arguments });
      else if (!factory && isIdentifier(node.expression) && workspaceFunctions.has(node.expression.text)) scan.handedToImports.push({ callee: node.expression.text, args: node.arguments });
      else if (!factory && storesInNamedArray(node)) scan.storedIn.push({ array: ((node.expression as ts.PropertyAccessExpression).expression as ts.Identifier).text, args: node.arguments });
      else if (!factory && !posted && !superOfAnalysed && !readsOnly(node.expression)) for (const argument of node.arguments) if (!isDependencyList(node, argument)) markPassed(argument, scan);
    } else if (isNewExpression(node)) {
      const factory = isFactoryCall(node);
      const entry = workerEntry(node);
      if (factory) noteCall(node, nested);
      // The worker gets a copy of its data (a structured clone): the starter's objects do not change.
      else if (entry !== undefined && mentions(entry)) {
        scan.workerStarts.push({ node, nested, in: functions[functions.length - 1] });
        startedIn.add(node);
        for (const fn of functions) withCalls.add(fn);
        noteFrames(node);
      } else for (const argument of node.arguments ?? []) markPassed(argument, scan);
    } else if (isBinaryExpression(node) && isAssignment(node.operatorToken.kind)) {
      const member = passedMember(node.left);
      if (member) addPath(scan.assignedMembers, member);
      else markChanged(node.left, scan.changed);
    }
    else if ((isPrefixUnaryExpression(node) || isPostfixUnaryExpression(node)) && (node.operator === SyntaxKind.PlusPlusToken || node.operator === SyntaxKind.MinusMinusToken)) markChanged(node.operand, scan.changed);
    else if (isDeleteExpression(node)) markChanged(node.expression, scan.changed);
    const name = declaredName(node);
    if (name !== undefined) declared.push({ name, nested, in: enclosing });
    if (name !== undefined && frames.length > 0) {
      const names = scan.loops.namesIn.get(innermost()) ?? new Set<string>();
      scan.loops.namesIn.set(innermost(), names.add(name));
    }
    if (isVariableDeclaration(node) && isIdentifier(node.name) && node.initializer && madeByAnalysedFile(node.initializer)) made.add(node.name.text);
    if (isVariableDeclarationList(node) && (node.flags & NodeFlags.Const) !== 0) {
      for (const declaration of node.declarations) if (declaration.initializer) initializerCalls.add(skipOuterExpressions(declaration.initializer));
    }
    if (nested && isVariableDeclarationList(node) && (node.flags & NodeFlags.Const) !== 0) {
      for (const declaration of node.declarations) {
        if (!declaration.initializer) continue;
        // `const [options] = useState({ ... })`: each name holds its element.
        if (ts.isArrayBindingPattern(declaration.name) && declaration.name.elements.every(isPlainElement)) constants.push({ declaration, in: enclosing });
        if (!isIdentifier(declaration.name)) continue;
        constants.push({ declaration, in: enclosing });
        if (frames.length === 0) continue;
        noteFrames(declaration);
        const constantsIn = scan.loops.constantsIn.get(innermost()) ?? [];
        constantsIn.push(declaration);
        scan.loops.constantsIn.set(innermost(), constantsIn);
      }
    }
    const inner = nested || opensScope(node);
    const opensFunction = isFunctionLike(node);
    if (opensFunction) functions.push(node);
    if (isClassLike(node)) classes.push(extendsAnalysed(node));
    forEachChild(node, (child) => visitChild(node, child, inner));
    if (isClassLike(node)) classes.pop();
    if (opensFunction) functions.pop();
  };
  const visitChild = (parent: ts.Node, child: ts.Node, nested: boolean): void => {
    const frame = frameEntered(parent, child);
    if (frame) frames.push(frame);
    visit(child, nested);
    if (frame) frames.pop();
  };
  forEachChild(sourceFile, (child) => visitChild(sourceFile, child, false));
  const workers = workerLocals(sourceFile, startedIn);
  scan.workerPosts = posts.filter(({ receiver }) => workers.has(receiver)).map(({ post }) => post);
  markHandedOn(handedOn, scan);
  for (const name of made) if (!calledOtherwise.has(name)) scan.readByInitializers.add(name);
  for (const declaration of declared) {
    if (!withCalls.has(declaration.in)) continue;
    scan.declarations.set(declaration.name, (scan.declarations.get(declaration.name) ?? 0) + 1);
    if (declaration.nested) scan.localNames.add(declaration.name);
  }
  for (const constant of constants) if (withCalls.has(constant.in)) scan.localConstants.push(constant);
  if (bindings.size === 0 && subclassImports.size === 0 && scan.workerStarts.length === 0) return undefined;
  const dead = deadFunctions(sourceFile);
  if (dead.length > 0) scan.calls = scan.calls.filter(({ node }) => !dead.some((fn) => node.pos >= fn.pos && node.end <= fn.end));
  return scan;
}

/**
 * The importer's top-level functions nothing can call: not exported, and named nowhere else but
 * in `void legacyDemo;` or `typeof legacyDemo` (which silence a lint and run nothing). Their calls
 * of the analysed file are no call sites, as the analysed file's own uncalled code builds nothing.
 */
function deadFunctions(sourceFile: ts.SourceFile): ts.FunctionDeclaration[] {
  const candidates = new Map<string, ts.FunctionDeclaration>();
  for (const statement of sourceFile.statements) {
    if (isFunctionDeclaration(statement) && statement.name && statement.body && !hasModifier(statement, SyntaxKind.ExportKeyword)) candidates.set(statement.name.text, statement);
  }
  if (candidates.size === 0) return [];
  const named = new Set<string>();
  const visit = (node: ts.Node): void => {
    if ((ts.isVoidExpression(node) || ts.isTypeOfExpression(node)) && isIdentifier(node.expression)) return;
    if (isIdentifier(node) && candidates.has(node.text) && candidates.get(node.text)!.name !== node) named.add(node.text);
    forEachChild(node, visit);
  };
  visit(sourceFile);
  return [...candidates].filter(([name]) => !named.has(name)).map(([, fn]) => fn);
}

/**
 * The names under which a file exports these top-level classes: `export class C`, `export default
 * class C` or `export default C`, `export { C as D }`, and in CommonJS `module.exports = { C }`,
 * `exports.C = C`, or `module.exports = C` (MODULE_ITSELF: what a `require` of the file returns).
 */
function exportedNames(sourceFile: ts.SourceFile, classes: ReadonlySet<string>): Map<string, string> {
  const exported = new Map<string, string>();
  if (classes.size === 0) return exported;
  const add = (name: string, local: ts.Node | undefined) => {
    if (local && isIdentifier(local) && classes.has(local.text)) exported.set(name, local.text);
  };
  for (const statement of sourceFile.statements) {
    if (isClassDeclaration(statement) && statement.name && hasModifier(statement, SyntaxKind.ExportKeyword)) {
      add(hasModifier(statement, SyntaxKind.DefaultKeyword) ? 'default' : statement.name.text, statement.name);
    } else if (isExportAssignment(statement) && !statement.isExportEquals) add('default', statement.expression);
    else if (isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause && isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) add(element.name.text, element.propertyName ?? element.name);
    } else if (isExpressionStatement(statement) && isBinaryExpression(statement.expression) && statement.expression.operatorToken.kind === SyntaxKind.EqualsToken) {
      const { left, right } = statement.expression;
      const target = commonJsExport(left);
      if (target === MODULE_ITSELF && isObjectLiteralExpression(right)) {
        for (const property of right.properties) {
          if (isShorthandPropertyAssignment(property)) add(property.name.text, property.name);
          else if (isPropertyAssignment(property) && isIdentifier(property.name)) add(property.name.text, property.initializer);
        }
      } else if (target !== undefined) add(target, right);
    }
  }
  return exported;
}

/** `module.exports` (MODULE_ITSELF), `module.exports.C` and `exports.C` ('C'). */
function commonJsExport(node: ts.Expression): string | undefined {
  const isModuleExports = (expression: ts.Expression) => isPropertyAccessExpression(expression) && isIdentifier(expression.expression) && expression.expression.text === 'module' && expression.name.text === 'exports';
  if (isModuleExports(node)) return MODULE_ITSELF;
  if (!isPropertyAccessExpression(node)) return undefined;
  const holder = node.expression;
  return isModuleExports(holder) || (isIdentifier(holder) && holder.text === 'exports') ? node.name.text : undefined;
}

function importedSubclasses(moduleBindings: readonly ModuleBinding[], fileName: string, subclassFiles: SubclassFiles): Map<string, { fileName: string; className: string }> {
  const found = new Map<string, { fileName: string; className: string }>();
  if (subclassFiles.byFile.size === 0) return found;
  for (const { specifier, names, typeOnly } of moduleBindings) {
    if (typeOnly) continue;
    for (const [file, scan] of subclassFiles.byFile) {
      if (file === fileName || !specifierReaches(fileName, specifier, file)) continue;
      for (const [local, exported] of names) {
        const className = scan.exportedSubclasses.get(exported);
        if (className !== undefined) found.set(local, { fileName: file, className });
      }
    }
  }
  return found;
}

/**
 * Marks the arguments of calls of the importer's own functions where the function may change
 * them (it changes its parameter, by the names the scan saw changed); a function that passes its
 * parameter on to another that changes it changes it too, so this runs until nothing more is marked.
 */
function markHandedOn(handedOn: readonly { fn: OwnFunction; args: readonly ts.Expression[] }[], scan: ImporterScan): void {
  // A function that assigns a member of its parameter changes the object it is handed (which member is not followed).
  const isChanged = (name: string) => scan.changed.has(name) || scan.methods.has(name) || scan.assignedMembers.has(name);
  const marked = new Set<ts.Expression>();
  const mark = (argument: ts.Expression, members?: ReadonlySet<string>) => {
    marked.add(argument);
    // Members the function hands on from its parameter (`fit(xs, ys, { epochs: cfg.epochs })`) are the argument's.
    if (members && isIdentifier(argument)) scan.passedMembers.set(argument.text, new Set([...(scan.passedMembers.get(argument.text) ?? []), ...members]));
    else markPassed(argument, scan);
  };
  for (let more = true, pass = 0; more && pass < 8; pass++) {
    more = false;
    for (const { fn, args } of handedOn) {
      args.forEach((argument, index) => {
        if (marked.has(argument)) return;
        if (isSpreadElement(argument) || mayChangeArgument(fn, index, (name) => isChanged(name) || (!isIdentifier(fn.node.parameters[index]?.name) && scan.passedMembers.has(name)))) mark(argument);
        else {
          const parameter = fn.node.parameters[index]?.name;
          const members = parameter && isIdentifier(parameter) ? scan.passedMembers.get(parameter.text) : undefined;
          if (!members) return;
          mark(argument, members);
        }
        more = true;
      });
    }
  }
}

/** Nodes whose declarations are not the importer's top level. */
function opensScope(node: ts.Node): boolean {
  return isFunctionLike(node) || isClassLike(node) || isBlock(node) || isIterationStatement(node, false) || isCatchClause(node) || isCaseBlock(node);
}

/** The name a declaration binds (variables, parameters, destructured elements, functions, classes). */
/** An array binding's element that is a name (`[options]`, `[rate, setRate]`) or a hole. */
function isPlainElement(element: ts.ArrayBindingElement): boolean {
  return ts.isOmittedExpression(element) || (isIdentifier(element.name) && !element.dotDotDotToken && !element.initializer);
}

function declaredName(node: ts.Node): string | undefined {
  if ((isVariableDeclaration(node) || isParameter(node) || isBindingElement(node)) && isIdentifier(node.name)) return node.name.text;
  if ((isFunctionDeclaration(node) || isClassDeclaration(node)) && node.name) return node.name.text;
  return undefined;
}

/** `x.a.fit(...)`: 'fit' is called on x (a reading method calls nothing that changes it). */
function noteMethod(callee: ts.PropertyAccessExpression, methods: Map<string, Set<string>>): void {
  if (READING_METHODS.has(callee.name.text)) return;
  const root = new Set<string>();
  markChanged(callee.expression, root);
  for (const name of root) {
    const called = methods.get(name) ?? new Set<string>();
    called.add(callee.name.text);
    methods.set(name, called);
  }
}

/**
 * An argument of a call: a member of a named object (`config.classes`) is noted as that member,
 * also inside an object or array literal (`[rows, config.input_dim]`); anything else as the
 * object it reads.
 */
function markPassed(node: ts.Node, scan: ImporterScan): void {
  const member = passedMember(node);
  if (member) addPath(scan.passedMembers, member);
  else if (node.kind === SyntaxKind.ObjectLiteralExpression || node.kind === SyntaxKind.ArrayLiteralExpression) forEachChild(node, (child) => markPassed(child, scan));
  else if (node.kind === SyntaxKind.PropertyAssignment) markPassed((node as ts.PropertyAssignment).initializer, scan);
  else markChanged(node, scan.changed);
}

function addPath(paths: Map<string, Set<string>>, member: { root: string; path: string[] }): void {
  const members = paths.get(member.root) ?? new Set<string>();
  members.add(member.path.join('.'));
  paths.set(member.root, members);
}

/** `config.classes`, `config['classes']`, `cfg.model.latent`: the object's name and the path to the member the call receives. */
function passedMember(node: ts.Node): { root: string; path: string[] } | undefined {
  let current = skipOuterExpressions(node as ts.Expression);
  const path: string[] = [];
  while (isPropertyAccessExpression(current) || isElementAccessExpression(current)) {
    if (isPropertyAccessExpression(current)) path.unshift(current.name.text);
    else if (isStringLiteralLike(current.argumentExpression)) path.unshift(current.argumentExpression.text);
    else return undefined;
    current = skipOuterExpressions(current.expression);
  }
  return path.length > 0 && isIdentifier(current) ? { root: current.text, path } : undefined;
}

/**
 * The object with the members that calls received (their paths, `model.latent`) unknown, where a
 * call could change them (an object or array; a number or string it receives is a copy). A copy:
 * the value may be shared.
 */
function withoutPassedMembers(value: Value, members: ReadonlySet<string> | undefined): Value {
  return members ? withoutPaths(value, [...members].map((path) => path.split('.')), false) : value;
}

/** The object with the members code assigns (their paths, `epochs`) unknown, whatever they held. A copy. */
function withoutAssignedMembers(value: Value, members: ReadonlySet<string> | undefined): Value {
  return members ? withoutPaths(value, [...members].map((path) => path.split('.')), true) : value;
}

/** `replaced`: a member at the end of a path is unknown whatever it holds, else only an object or array. */
function withoutPaths(value: Value, paths: readonly string[][], replaced: boolean): Value {
  if (paths.some((path) => path.length === 0)) return replaced || isTagged(value) ? UNKNOWN : value;
  if (!hasTag(value, 'object')) return isTagged(value) ? UNKNOWN : value;
  const copy = newObject(value.span, value.props.size);
  if (value.open) copy.open = true;
  value.props.forEach((member, key) => {
    const below = paths.filter((path) => path[0] === key).map((path) => path.slice(1));
    copy.props.set(key, below.length === 0 ? member : { ...member, value: withoutPaths(member.value, below, replaced) });
  });
  // A member the code adds (`cfg.warmup = 5` where cfg had none) is there, not known.
  if (replaced) for (const [key] of paths) if (!copy.props.has(key)) copy.props.set(key, { value: UNKNOWN, span: NO_SPAN, valueSpan: NO_SPAN, foreign: true });
  return copy;
}

/** The name at the root of `x`, `x.a.b`, `x[i]`, `(x as T)`. */
function markChanged(node: ts.Node, changed: Set<string>): void {
  let current = node;
  for (;;) {
    if (isPropertyAccessExpression(current) || isElementAccessExpression(current)) current = current.expression;
    else if (current.kind === SyntaxKind.ParenthesizedExpression || current.kind === SyntaxKind.AsExpression || current.kind === SyntaxKind.NonNullExpression || current.kind === SyntaxKind.SatisfiesExpression || current.kind === SyntaxKind.TypeAssertionExpression) current = (current as ts.ParenthesizedExpression).expression;
    else break;
  }
  if (isIdentifier(current)) changed.add(current.text);
  else if (current.kind === SyntaxKind.ObjectLiteralExpression || current.kind === SyntaxKind.ArrayLiteralExpression) forEachChild(current, (child) => markChanged(child, changed));
  else if (current.kind === SyntaxKind.ShorthandPropertyAssignment) changed.add((current as ts.ShorthandPropertyAssignment).name.text);
  else if (current.kind === SyntaxKind.PropertyAssignment) markChanged((current as ts.PropertyAssignment).initializer, changed);
  else if (isSpreadElement(current)) markChanged(current.expression, changed);
}

/** The importer's name as seen from the analysed file's folder, the call's line and text. */
function describeImporterCall(mainFile: string, importerFile: string, sourceFile: ts.SourceFile, node: ImporterCall, items: readonly string[]): NonNullable<CallSite['importer']> {
  const site = { name: relativeName(mainFile, importerFile), line: sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1, text: node.getText(sourceFile) };
  return items.length > 0 ? { ...site, item: items.join(', ') } : site;
}

