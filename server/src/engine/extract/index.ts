/**
 * Extraction entry point: source text -> FileIR, with the TypeScript compiler API (parser only:
 * no type checker, no program). The file is interpreted symbolically (see values.ts), never
 * executed; docs/extraction.md lists what is understood.
 */
import ts from 'typescript';
import { parseFresh } from '../incrementalParser';
import type { FileIR, ModelIR, OptimizerIR, TfjsImportIR } from '../ir';
import { Extraction, StopExtraction, newFrame, type ExtractOptions, type RateAssignments } from './context';
import { keepsRateInTensor } from '../tfjs/optimizers';
import { finalizeModels, keepUntrainedWhereNothingTrains } from './finalize';
import { constructWithFunction, instantiate, isConstructorFunction, replacedMethods } from './classes';
import { usesGlobalTf } from './globalTf';
import { isVueOptions, mountVueComponent } from './vueOptions';
import { insertComponent, isExtendedClass } from './extendClasses';
import { declareJQuery } from './jquery';
import { isIdentifierChar } from './identifierChars';
import { describeImports } from './imports';
import { injectedArguments } from './dependencyInjection';
import { runImporterCalls, workerDataOfStarters } from './importerCalls';
import { receiveStartersData } from './workerThreads';
import { Scope } from './scope';
import { detachedTraining, finishRootFrame } from './training';
import { NOTHING_SEEN, layerNeverConstructed, neverBuiltTest, type NeverBuilt } from './unusedBuilders';
import { runListenersLeft } from './eventEmitters';
import { invokeCallbacks, invokeCallbacksOf } from './calls';
import { sketchInputHandlers } from './p5Sketch';
import { forgetFilledMemberSizes, runUserEventHandlers } from './userEvents';
import { hasModifier } from './modifiers';
import type { CallSite } from './callSites';
import { hasTag, type ClassValue, type FunctionValue, type ModuleContext, type Value } from './values';
import { boundNote, forcedBranches, mergeRuns, planRuns, type RunResult } from './variants';
import { evaluateModule } from './workspaceImports';
import { unplacedLayers } from './layerCalls';
import { declareVueGlobal } from './reactiveState';

// TypeScript exports its API through getters: read what the hot paths use once.
const { isFunctionDeclaration, isFunctionExpression, isMethodDeclaration } = ts;

export type { ExtractOptions } from './context';

export function extractFile(text: string, fileName: string, options: ExtractOptions = {}): FileIR {
  let sourceFile: ts.SourceFile;
  try {
    sourceFile = (options.parse ?? parseFresh)(fileName, text);
  } catch (error) {
    // The parser recurses per nesting level: absurdly nested code can exhaust the stack.
    const why = error instanceof RangeError ? 'the code is nested too deeply to parse' : `the parser failed (${String(error)})`;
    return { fileName, models: [], afterImports: 0, hasSyntaxErrors: true, notes: [`${why}; not analysed`] };
  }
  const parseDiagnostics = (sourceFile as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics;
  const { tfjs, afterImports } = describeImports(sourceFile);
  const mayDefineModels = relevanceTest(tfjs);
  const first = new Extraction(options);
  const firstStopped = walkFile(first, sourceFile, fileName, text, mayDefineModels);
  // The first run's models are the result only when no variant run replaces them: made on demand.
  const neverBuilt = neverBuiltTest(sourceFile, text, firstStopped ? NOTHING_SEEN : first, options.importers);
  const firstRun = (): RunResult => ({ models: finalizeModels(first.models, first.notes, sourceFile, neverBuilt, options.readFile), notes: first.notes, stopped: firstStopped });
  const { models, notes } = first.decisionPoints.size === 0 || firstStopped ? firstRun() : runVariants(first, firstRun, (forced, assumed) => runExtraction(new Extraction(options, forced, first.loadedFiles, assumed), sourceFile, fileName, text, mayDefineModels));
  keepUntrainedWhereNothingTrains(models);
  const file: FileIR = { fileName, models, afterImports, hasSyntaxErrors: (parseDiagnostics?.length ?? 0) > 0 };
  if (tfjs) file.tfjs = tfjs;
  else if (usesGlobalTf(sourceFile)) file.globalTf = true;
  // The first run walked every branch, so it met every optimizer; the variants' models claim theirs too.
  const claimed = first.models.filter((state) => state.registered).map((state) => state.training.optimizer);
  for (const model of models) claimed.push(model.training?.optimizer);
  const detached = detachedTraining(first, claimed);
  if (detached.length > 0) file.detachedTraining = detached;
  const unplaced = unplacedLayers(first, models);
  for (const layer of unplaced) {
    const why = neverBuilt([layer.span], () => [[layer.span]]);
    if (why) layer.neverConstructed = layerNeverConstructed(why);
  }
  if (unplaced.length > 0) file.unplacedLayers = unplaced;
  if (first.rateAssignments.size > 0) withRateAssignments([...claimed, ...detached.map((training) => training.optimizer)], first.rateAssignments);
  if (notes.length > 0) file.notes = notes;
  if (first.importedCode.length > 0) file.importedCode = [...first.importedCode];
  first.release();
  return file;
}

/**
 * Each optimizer's `learningRate` assignments; the first run walked every branch, so it met them
 * all. An optimizer that reads the field at every step trains at the highest rate a schedule
 * assigns it when that is above the rate it was created with.
 */
function withRateAssignments(optimizers: readonly (OptimizerIR | undefined)[], assignments: ReadonlyMap<number, RateAssignments>): void {
  for (const optimizer of optimizers) {
    if (optimizer?.form !== 'call') continue;
    const assigned = assignments.get(optimizer.span.start);
    if (!assigned) continue;
    optimizer.rateAssignments = assigned.spans;
    // Only an optimizer that reads the field at every step trains at an assigned rate.
    if (optimizer.name === 'unknown' || keepsRateInTensor(optimizer.name)) continue;
    if (assigned.initial === 'unknown') {
      optimizer.learningRate = undefined;
      optimizer.learningRateSource = 'unresolved';
    } else if (assigned.initial !== undefined) optimizer.learningRate = assigned.initial;
    const peak = assigned.peak;
    // A loop's assignments stand for its later steps only where each pass's rate is known or bounded:
    // one that is not (a schedule whose peak the arithmetic cannot bound) leaves the peak unknown, and the created rate may be it.
    const createdUnused = assigned.createdUnused === 'callback' || (assigned.createdUnused === 'loop' && !assigned.unboundedRate);
    if (!peak || (peak.rate <= (optimizer.learningRate ?? 0) && !createdUnused)) continue;
    optimizer.scheduledPeak = { span: peak.span, createdWith: optimizer.learningRate, ...(createdUnused ? { createdUnused: true as const } : {}) };
    optimizer.learningRate = peak.rate;
  }
}

/** One walk of the file and its models. */
function runExtraction(ctx: Extraction, sourceFile: ts.SourceFile, fileName: string, text: string, mayDefineModels: (code: string) => boolean): RunResult {
  const stopped = walkFile(ctx, sourceFile, fileName, text, mayDefineModels);
  const result = { models: finalizeModels(ctx.models, ctx.notes, sourceFile, neverBuiltTest(sourceFile, text, stopped ? NOTHING_SEEN : ctx, ctx.options.importers), ctx.options.readFile), notes: ctx.notes, stopped };
  ctx.release();
  return result;
}

/** One walk of the file: fills `ctx` with models and notes; whether the walk stopped early. */
function walkFile(ctx: Extraction, sourceFile: ts.SourceFile, fileName: string, text: string, mayDefineModels: (code: string) => boolean): boolean {
  const main: ModuleContext = { sourceFile, fileName, isMain: true, anchor: { start: 0, end: 0 }, scope: new Scope(), exports: new Map() };
  declareJQuery(text, main.scope);
  declareVueGlobal(text, main.scope);
  ctx.module = main;
  ctx.moduleCache.set(fileName, main);
  let stopped = false;
  try {
    const startersData = workerDataOfStarters(ctx, main);
    if (startersData !== undefined) receiveStartersData(main, startersData);
    evaluateModule(ctx, main);
    finishRootFrame(ctx, ctx.frame);
    runImporterCalls(ctx, main, (run) => runAsRoot(ctx, run));
    runUncalledCode(ctx, text, mayDefineModels);
  } catch (error) {
    ctx.module = main;
    stopped = true;
    if (error instanceof StopExtraction) ctx.notes.push(error.message);
    else if (error instanceof RangeError) ctx.notes.push('the code is nested too deeply; later code was not analysed');
    else ctx.notes.push(`internal extraction error (${error instanceof Error ? error.message : String(error)}); later code was not analysed`);
  }
  return stopped;
}

/**
 * The first run walked both branches of decisions that change the models: run once per
 * combination of their branches instead (variants.ts). A run that stops early (time, steps) ends
 * the series and is left out; without one complete forced run, the first run's models stand.
 */
function runVariants(first: Extraction, firstRun: () => RunResult, run: (forced: Map<string, number>, assumed: ReadonlySet<string>) => RunResult): { models: ModelIR[]; notes: string[] } {
  const points = [...first.decisionPoints.values()].sort((a, b) => a.position - b.position);
  const plan = planRuns(points);
  const runs: RunResult[] = [];
  const notes = new Set<string>();
  const assumed = new Set(plan.fixed.map((point) => point.key));
  for (const combination of plan.combinations) {
    const result = run(forcedBranches(points, plan, combination), assumed);
    if (result.stopped) break;
    runs.push(result);
    for (const note of result.notes) notes.add(note);
  }
  if (runs.length === 0) return firstRun();
  const bound = boundNote(plan);
  if (bound) notes.add(bound);
  if (runs.length < plan.combinations.length) notes.add(`extraction stopped after ${runs.length} of ${plan.combinations.length} variants; the others were not analysed`);
  return { models: mergeRuns(plan, runs), notes: [...notes] };
}

/**
 * Exported builders and classes nobody calls in the file still define models: run them once
 * with unknown arguments. Functions that are not called by name anywhere in the text go first,
 * so a helper called from another uncalled function runs with that caller's arguments. A method
 * that every subclass replaces, of a class nobody instantiates or imports, runs in neither.
 */
function runUncalledCode(ctx: Extraction, text: string, mayDefineModels: (code: string) => boolean): void {
  // A component module's default export (`export default { data, methods, mounted }`): Vue makes it.
  const component = ctx.module.exports.get('default') ?? ctx.module.commonJsExports;
  if (isVueOptions(component)) runAsRoot(ctx, () => mountVueComponent(ctx, component, ctx.module.sourceFile));
  // `export default Component.extend({ ... })`: Ember makes the component and inserts it.
  if (isExtendedClass(component)) runAsRoot(ctx, () => insertComponent(ctx, component, ctx.module.sourceFile));
  for (const handler of sketchInputHandlers(ctx.functions)) {
    if (!ctx.invoked.has(handler.node)) runAsRoot(ctx, () => runUserEventHandlers(ctx, [handler], () => invokeCallbacks(ctx, [{ value: handler }], true, false)));
  }
  const replaced = replacedMethods(ctx, new Set(ctx.instantiated));
  // Asked only of a function whose run leaves training no model of its own took: made on demand.
  let neverRunTest: NeverBuilt | undefined;
  const neverRun = () => (neverRunTest ??= neverBuiltTest(ctx.module.sourceFile, text, ctx, ctx.options.importers));
  // Whether a function's own text may define a model, asked in both tiers: read once.
  const mentionsModels = new Map<ts.Node, boolean>();
  const definesModels = (fn: FunctionValue) => {
    let answer = mentionsModels.get(fn.node);
    if (answer === undefined) mentionsModels.set(fn.node, (answer = mayDefineModels(text.slice(fn.node.pos, fn.node.end))));
    return answer;
  };
  // Classes of the file whose text may define a model: code that constructs one (`create: () =>
  // new GlyphNet('classify', 26)`) matters as a call of a model-building function does.
  const modelClassNames = ctx.classes.flatMap((cls) => (cls.module.isMain && cls.name !== undefined && mayDefineModels(text.slice(cls.node.pos, cls.node.end)) ? [cls.name] : []));
  // Instances made here, as no code asked: their methods run only where no instance code made did.
  const madeForUncalledCode = new Set<ClassValue>();
  for (const tier of [1, 2]) {
    // A class constructed by name somewhere (`new Gan()` in an uncalled function) waits for that
    // code: constructed here first, it would be a second build, a variant "outside any call".
    const constructedElsewhere = tier === 1 ? constructedByName(text, ctx.classes) : () => false;
    // A base class of the file that no code constructs runs through its subclasses (an abstract
    // BaseModel whose static settings each subclass overrides), unless importers may construct it
    // (exported, and not `abstract`: an abstract one only ever runs as some subclass).
    const extended = new Set(ctx.classes.map((cls) => cls.base));
    for (let i = 0; i < ctx.classes.length; i++) {
      const cls = ctx.classes[i];
      if (extended.has(cls) && (!exportedByModule(ctx.module, cls) || hasModifier(cls.node, ts.SyntaxKind.AbstractKeyword))) continue;
      if (cls.module.isMain && !ctx.instantiated.has(cls.node) && !constructedElsewhere(cls)) {
        madeForUncalledCode.add(cls);
        runAsRoot(ctx, () => instantiate(ctx, cls, injectedArguments(ctx, cls)));
      }
    }
    const relevant = relevantFunctions(ctx.functions.filter((fn) => fn.module.isMain && fn.node.body !== undefined && !replaced(fn)), text, definesModels, modelClassNames);
    const constructors = ctx.functions.filter((fn) => fn.module.isMain && !ctx.invoked.has(fn.node) && isConstructorFunction(fn));
    const constructorCalledElsewhere = tier === 1 ? calledByName(text, constructors) : () => false;
    for (const fn of constructors) {
      if (!ctx.invoked.has(fn.node) && !constructorCalledElsewhere(fn)) runAsRoot(ctx, () => constructWithFunction(ctx, fn));
    }
    // A prototype method runs with `this` bound to an object its constructor made.
    const found = ctx.functions.filter((fn) => !ctx.invoked.has(fn.node) && !ctx.eventListeners.has(fn.node) && relevant.has(fn)).map((fn) => ctx.boundMethods.get(fn.node) ?? fn);
    const candidates = tier === 1 ? found : callersFirst(text, found);
    const calledElsewhere = tier === 1 ? calledByName(text, candidates) : () => false;
    for (const instance of new Set(candidates.map((fn) => fn.thisValue))) if (hasTag(instance, 'object')) forgetFilledMemberSizes(ctx, instance);
    // A base class's method runs once per class that code constructs, and per importer's call
    // that constructs it: subclasses' fields differ (an importer's QueueRouter and AreaTagger, both
    // built by the base's build()), and so do an importer's `new PresetRun('slow')` and `new PresetRun()`.
    const ranFor = new Map<ts.Node, Set<string>>();
    for (const fn of candidates) {
      const ownClass = hasTag(fn.thisValue, 'object') ? fn.thisValue.instanceOf : undefined;
      // A method of an instance an importer made builds for that instance, unless nothing can call it (a private one).
      const constructedAt = hasTag(fn.thisValue, 'object') ? fn.thisValue.constructedAt : undefined;
      const instance = ownClass && instanceKey(ownClass, constructedAt);
      const ran = ranFor.get(fn.node);
      if (ran ? instance === undefined || ran.has(instance) || madeForUncalledCode.has(ownClass!) : ctx.invoked.has(fn.node)) continue;
      if (calledElsewhere(fn)) continue;
      if (instance) ranFor.set(fn.node, (ran ?? new Set()).add(instance));
      const body = fn.node.body;
      // Run as a callback is: with parameters it stands for the many calls code outside makes
      // with different arguments (a page's `addPhoto(canvas, label)` at every click), so what it
      // pushes or counts has no known size, and a guard on that (`if (examples.length < 15)
      // return`) decides nothing.
      const runsNever = () => fn.module.isMain && body !== undefined && neverRun()([ctx.spanOf(body)], () => []) !== undefined;
      const run = () => invokeCallbacks(ctx, [{ value: fn }]);
      runAsRoot(ctx, constructedAt && !runsNever() ? () => underCallSites(ctx, constructedAt, run) : run, runsNever);
    }
  }
  runListenersLeft(ctx, (value) => exportedByModule(ctx.module, value), (event, fn) => runAsRoot(ctx, () => invokeCallbacksOf(ctx, 'on', [{ value: event }, { value: fn }])));
}

/** A class, and the importer's calls that constructed the instance (none for the file's own). */
function instanceKey(cls: ClassValue, constructedAt: readonly CallSite[] | undefined): string {
  const sites = constructedAt?.map((site) => `${site.importer?.name ?? ''}:${site.start}:${site.importer?.item ?? ''}`).join(',') ?? '';
  return `${cls.module.fileName}:${cls.node.pos}|${sites}`;
}

/** Whether the module exports `value` itself (`export class Trainer`, `module.exports = { bus }`). */
function exportedByModule(module: ModuleContext, value: Value): boolean {
  if (hasTag(value, 'class') && hasModifier(value.node, ts.SyntaxKind.ExportKeyword)) return true;
  let found = false;
  module.exports.forEach((exported) => (found ||= exported === value));
  const commonJs = module.commonJsExports;
  if (commonJs === value) return true;
  if (hasTag(commonJs, 'object')) commonJs.props.forEach((member) => (found ||= member.value === value));
  return found;
}

/**
 * The functions that can matter: those whose text may define or train a model, and those that
 * call one of them by name (a sweep that calls `runTrial(lr)` for each rate of a list mentions
 * no tfjs name itself, yet only it gives runTrial its known rates).
 */
function relevantFunctions(functions: FunctionValue[], text: string, definesModels: (fn: FunctionValue) => boolean, modelClasses: readonly string[]): Set<FunctionValue> {
  const relevant = new Set(functions.filter(definesModels));
  let others = functions.filter((fn) => !relevant.has(fn));
  for (let grew = true; grew && others.length > 0; ) {
    const names = new Set([...modelClasses, ...[...relevant].map((fn) => fn.name).filter((name): name is string => name !== undefined)]);
    const lengths = new Set([...names].map((name) => name.length));
    const callers = others.filter((fn) => callsAnyOf(text, fn.node.pos, fn.node.end, names, lengths));
    for (const fn of callers) relevant.add(fn);
    grew = callers.length > 0;
    others = others.filter((fn) => !relevant.has(fn));
  }
  return relevant;
}

/** Each identifier written right before a '(' in text[from, to) whose length is one of `lengths`. */
function forEachCalledName(text: string, from: number, to: number, lengths: ReadonlySet<number>, visit: (name: string) => boolean | void): void {
  // From each '(' back over blanks to the identifier before it: far fewer stops than identifiers.
  for (let paren = text.indexOf('(', from); paren >= 0 && paren < to; paren = text.indexOf('(', paren + 1)) {
    let end = paren;
    while (end > from && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
    let start = end;
    while (start > from && isIdentifierChar(text.charCodeAt(start - 1))) start--;
    // Most identifiers before a '(' are not the names asked for: compare lengths before slicing the text.
    if (start === end || !lengths.has(end - start)) continue;
    if (visit(text.slice(start, end)) === true) return;
  }
}

function callsAnyOf(text: string, from: number, to: number, names: ReadonlySet<string>, lengths: ReadonlySet<number>): boolean {
  let found = false;
  forEachCalledName(text, from, to, lengths, (name) => (found = names.has(name)));
  return found;
}

/**
 * Which of these functions are called by name somewhere in the text (`name(` beyond their own
 * declaration): a cheap test that needs no second walk of the tree.
 */
function calledByName(text: string, functions: FunctionValue[]): (fn: FunctionValue) => boolean {
  const counts = callCounts(text, functions.map((fn) => fn.name));
  return (fn) => {
    if (!fn.name) return false;
    const declaredWithParenthesis = isFunctionDeclaration(fn.node) || isMethodDeclaration(fn.node) || (isFunctionExpression(fn.node) && fn.node.name !== undefined);
    return (counts.get(fn.name) ?? 0) > (declaredWithParenthesis ? 1 : 0);
  };
}

/**
 * The functions reordered so that the ones another of them calls by name come last: run from its
 * caller, a helper gets that caller's arguments (a trainer's `buildClassifier(opts.arch)`); run
 * on its own first, it would read its parameters' fallbacks, and its build would stand apart.
 */
function callersFirst(text: string, functions: FunctionValue[]): FunctionValue[] {
  const names = new Set(functions.flatMap((fn) => (fn.name ? [fn.name] : [])));
  if (names.size < 2) return functions;
  const lengths = new Set([...names].map((name) => name.length));
  const calledByAnother = new Set<string>();
  for (const fn of functions) {
    const body = fn.node.body;
    if (!body) continue;
    forEachCalledName(text, body.pos, body.end, lengths, (name) => {
      if (name !== fn.name && names.has(name)) calledByAnother.add(name);
    });
  }
  const called = (fn: FunctionValue) => fn.name !== undefined && calledByAnother.has(fn.name);
  return [...functions.filter((fn) => !called(fn)), ...functions.filter(called)];
}

/** Which of these classes are constructed by name somewhere in the text (`new Gan(`). */
function constructedByName(text: string, classes: readonly ClassValue[]): (cls: ClassValue) => boolean {
  const counts = callCounts(text, classes.map((cls) => cls.name));
  return (cls) => cls.name !== undefined && (counts.get(cls.name) ?? 0) > 0;
}

/** How often each name stands before a `(` in the text. */
function callCounts(text: string, names: readonly (string | undefined)[]): Map<string, number> {
  const asked = new Set(names.filter((name): name is string => name !== undefined));
  const counts = new Map<string, number>();
  if (asked.size === 0) return counts;
  forEachCalledName(text, 0, text.length, new Set([...asked].map((name) => name.length)), (name) => {
    if (asked.has(name)) counts.set(name, (counts.get(name) ?? 0) + 1);
  });
  return counts;
}

/**
 * Whether uncalled code can matter: it mentions a tfjs name, calls a model/optimizer/tensor
 * method or writes an optimizer's learningRate. Skipping the rest keeps files full of unrelated
 * functions cheap to analyse.
 */
function relevanceTest(tfjs: TfjsImportIR | undefined): (code: string) => boolean {
  const names = new Set(['tf']);
  if (tfjs?.namespace) names.add(tfjs.namespace);
  for (const local of Object.values(tfjs?.named ?? {})) names.add(local);
  const pattern = relevancePattern([...names].map((name) => name.replaceAll('$', '\\$')).join('|'));
  return (code) => pattern.test(code);
}

/** The last pattern built: files import tfjs under the same names, and a new RegExp per file cost a few percent of extraction on small files. */
let lastPattern: { names: string; pattern: RegExp } | undefined;

function relevancePattern(names: string): RegExp {
  if (lastPattern?.names !== names) {
    // `.learningRate =`: a scheduler's write to an optimizer's rate (a trap on sgd, a peak on adam).
    const pattern = new RegExp(`\\b(${names})\\b|\\.(add|compile|fit|fitDataset|trainOnBatch|apply|matMul|dot|minimize|applyGradients|computeGradients|predict)\\s*\\(|\\.learningRate\\s*[-+*/]?=(?!=)`);
    lastPattern = { names, pattern };
  }
  return lastPattern.pattern;
}

/** Runs code as if called under these call sites (the calls outermost first). */
function underCallSites(ctx: Extraction, sites: readonly CallSite[], run: () => void): void {
  const depth = ctx.callSpans.length;
  ctx.callSpans.push(...sites);
  try {
    run();
  } finally {
    ctx.callSpans.length = depth;
  }
}

/**
 * Runs code as a root of the walk. `runsNever`: the code is a function only named where nothing
 * runs (a call in a branch whose condition is known false): it runs for the models it builds,
 * which are then never built (hints), but its training goes to no model built elsewhere.
 */
function runAsRoot(ctx: Extraction, run: () => void, runsNever?: () => boolean): void {
  const frame = newFrame();
  ctx.frame = frame;
  const modelsBefore = ctx.models.length;
  run();
  const trains = frame.calls.length > 0 || frame.optimizers.length > 0;
  if (trains && runsNever?.()) {
    frame.touched = frame.touched.filter((model) => ctx.models.indexOf(model) >= modelsBefore);
    if (frame.touched.length === 0) return;
  }
  finishRootFrame(ctx, frame);
}
