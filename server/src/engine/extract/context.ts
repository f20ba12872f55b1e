/**
 * The state of one extraction: the module being walked, the models found so far, the training
 * frame, the limits (step budget, deadline, recursion) that keep extraction bounded on any input.
 */
import ts from 'typescript';
import type { ClippingEvidenceIR, CompileConfigIR, ImportedCodeIR, Span, TrainingCallIR } from '../ir';
import type { Arg } from './calls';
import type { CallSite } from './callSites';
import type { DecisionPoint } from './decisions';
import { Scope } from './scope';
import type { ReturnSlot } from './statements';
import type { Undo } from './userEvents';
import type { EmitterState } from './eventEmitters';
import type { ProxyParts } from './proxies';
import type { ClassValue, FunctionValue, GraphNode, LayerProto, LayerValue, ObjectValue, SequentialEntry, ModelState, ModuleContext, OptimizerValue, Value } from './values';

/** Reads a workspace file by its resolved name; undefined when there is none. */
export type ReadFile = (resolvedFileName: string) => string | undefined;

export interface ExtractOptions {
  /**
   * Reads another workspace file for `import ... from './x'` / `require('./x')`. Called with the
   * resolved absolute file name (extensions tried in order: as written, .ts, .tsx, .js, .jsx,
   * .mjs, .cjs, /index.ts, /index.js); returns its text, or undefined (or throws) when it does
   * not exist or cannot be read: either way the import is unknown. Without it, imported names are
   * unknown.
   */
  readFile?: ReadFile;
  /**
   * Files that import this one, with their texts (the server's workspace import index, the CLI's
   * checked files): their calls of this file's exports count as call sites (importerCalls.ts).
   */
  importers?: readonly ImporterText[];
  /** A `performance.now()` timestamp after which extraction stops and returns what it has. */
  deadline?: number;
  /** Parses the file being extracted (the server re-parses incrementally); a fresh parse by default. */
  parse?: (fileName: string, text: string) => ts.SourceFile;
}

/** A file that imports the analysed one: its resolved name and text. */
export interface ImporterText {
  fileName: string;
  text: string;
}

/**
 * One optimizer's step on the models a loss used: `opt.minimize(f)`, or gradients of f applied by
 * `opt.applyGradients(grads)`. `clipping`: evidence recorded between computing those gradients
 * and applying them (`clipEach(grads)`): it bounds this optimizer's updates, not another's.
 */
export interface GradientStep {
  optimizer: { value: OptimizerValue; useSpan: Span };
  models: ModelState[];
  clipping?: ClippingEvidenceIR[];
}

/** What one function invocation (or the top level) did that matters for training. */
export interface TrainingFrame {
  /**
   * Models this code used (method calls on them, core-API predict functions it ran), each once:
   * a list, not a Set, as a frame is made per function call and most touch none or one.
   */
  touched: ModelState[];
  calls: TrainingCallIR[];
  clipping: ClippingEvidenceIR[];
  /** Optimizers used directly by custom training calls (`opt.minimize`, `opt.applyGradients`). */
  optimizers: { value: OptimizerValue; useSpan: Span }[];
  /**
   * The config of a tfjs `compile` of a model not built in the file (a loaded one): its optimizer
   * is the first of `optimizers`.
   */
  compile?: CompileConfigIR;
  /**
   * Core API: the model of the weights this call applied to each input (`x.matMul(wa)` and
   * `x.matMul(wg)` of a gated unit are one model's two branches); a symbolic tensor by its node.
   */
  coreRoots?: Map<Value | GraphNode, ModelState>;
  /**
   * `opt.minimize(f)` calls: the optimizer and the models f used, first used first. A model the
   * loss of one minimize uses first (a DDPG critic's loss reads the critic; the actor's reads
   * `critic.apply([s, actor.apply(s)])`, the actor first) is the one that optimizer trains.
   */
  minimized?: GradientStep[];
  /**
   * The last gradients computed (`tf.variableGrads(f)`, `opt.computeGradients(f)`), for the
   * `applyGradients` calls that follow: the models f used, and how many clipping evidences the
   * frame had then.
   */
  pendingGradients?: { models: ModelState[]; clippingBefore: number };
  /**
   * The models the losses of this code's gradient calls used (`minimize`, `variableGrads`,
   * `grads`): the custom training trains those, not a model the same function only builds or
   * looks at (an inference copy made after the loop).
   */
  lossModels?: ModelState[];
}

/** Records that the running code used `model`. */
export function touch(frame: TrainingFrame, model: ModelState): void {
  // A list made at its size: the first push into an empty one reserves room for 17.
  if (frame.touched.length === 0) frame.touched = [model];
  else if (!frame.touched.includes(model)) frame.touched.push(model);
}

/** Records that the running code used `model`, also for the `minimize` whose loss is running. */
export function useModel(ctx: Extraction, model: ModelState): void {
  touch(ctx.frame, model);
  const minimizing = ctx.minimizing[ctx.minimizing.length - 1];
  if (minimizing && !minimizing.includes(model)) minimizing.push(model);
}

export function newFrame(): TrainingFrame {
  return { touched: [], calls: [], clipping: [], optimizers: [] };
}

/**
 * A naming hint: the declared name of the expression being evaluated (`const model = ...`).
 * Its range is computed only when a model takes the name (most hinted calls build none).
 */
export interface NameHint {
  node: ts.Node;
  name: string;
  nameNode: ts.Node;
}

export class StopExtraction extends Error {}

/** The module of a released Extraction (Extraction.release): an empty file's. */
const RELEASED_MODULE: ModuleContext = {
  sourceFile: ts.createSourceFile('released.ts', '', ts.ScriptTarget.Latest),
  fileName: '',
  isMain: false,
  anchor: { start: 0, end: 0 },
  scope: new Scope(),
  exports: new Map(),
};

const MAX_STEPS = 400_000;
const DEADLINE_CHECK_EVERY = 256;
export const MAX_CALL_DEPTH = 12;
/** How many calls of one function may run inside one another (functions.ts mayRecurse). */
export const MAX_RECURSION_DEPTH = 8;
export const MAX_LOOP_ITERATIONS = 512;

/** The `learningRate` assignments to one optimizer: where each is written, and the highest known rate assigned. */
export interface RateAssignments {
  spans: Span[];
  peak?: { rate: number; span: Span };
  /** The last rate assigned on a path that surely runs before any training step: the rate training starts with. */
  initial?: number | 'unknown';
  /**
   * A known rate was assigned before the first step, by a fit's callback or as a training loop's body
   * opens: the created rate never trains (scheduledPeak.createdUnused).
   */
  createdUnused?: 'callback' | 'loop';
  /** A rate assigned here was neither known nor bounded (a loop's pass with its counter forgotten after an idle stop). */
  unboundedRate?: true;
}

/** Code that runs one part or another by a condition. */
export type BranchNode = ts.IfStatement | ts.ConditionalExpression | ts.BinaryExpression;

/** Bits of Extraction.branchOutcomes: the guarded part ran (an `if`'s then, a `?:`'s whenTrue, the right of `&&`/`||`), or the other way. */
export const RAN_GUARDED = 1;
export const RAN_OTHER = 2;

/** A variable assigned in a branch that may or may not run, and what it held before. */
export interface BranchWrite {
  scope: Scope;
  name: string;
  before: Value;
}

export class Extraction {
  module!: ModuleContext;
  readonly models: ModelState[] = [];
  /** The first model built by each model-creating expression (later evaluations build aliases). */
  readonly modelsByKey = new Map<ts.Node, ModelState>();
  /** Every function value created, in creation order, for the pass over functions nobody called. */
  readonly functions: FunctionValue[] = [];
  readonly invoked = new Set<ts.Node>();
  /** Every class value created, and those instantiated with `new`, for the same pass. */
  readonly classes: ClassValue[] = [];
  readonly instantiated = new Set<ts.Node>();
  /** Each method of an ES5 prototype bound to the first object `new F()` made, to run with that `this` if nobody calls it. */
  readonly boundMethods = new Map<ts.Node, FunctionValue>();
  /** Vue components' options whose instance was made (vueOptions.ts): once each. */
  readonly mountedComponents = new Set<ObjectValue>();
  /** Per running constructor, innermost last: what a `super(...)` in its body runs (classes.ts). */
  readonly superCalls: ((args: Arg[], callNode: ts.Node) => void)[] = [];
  /** Optimizers created in the main file, for those no model trains with (detachedTraining). */
  readonly createdOptimizers: OptimizerValue[] = [];
  /**
   * Layers the main file constructs, by where the call starts: the first few made there (a run
   * with the arguments not known, then one with them), for FileIR.unplacedLayers.
   */
  readonly constructedLayers = new Map<number, LayerProto[]>();
  /**
   * `opt.learningRate = ...` assignments of the main file, keyed by where the optimizer was created:
   * models copy an optimizer's IR when they compile, before the code after it assigns (OptimizerIR.rateAssignments).
   */
  readonly rateAssignments = new Map<number, RateAssignments>();
  /**
   * Which ways each `if`, `?:`, `&&` and `||` of the main file went (RAN_GUARDED, RAN_OTHER; both
   * when its condition was not known): a part a known condition never ran is code that never runs
   * (unusedBuilders.ts).
   */
  readonly branchOutcomes = new Map<BranchNode, number>();
  /**
   * The clauses each `switch` of the main file ran, every clause when its value was not known: a
   * clause of a switch the walk reached and never ran is code that never runs (unusedBuilders.ts).
   */
  readonly clausesRun = new Map<ts.SwitchStatement, Set<ts.CaseOrDefaultClause>>();
  /**
   * The branches of the main file whose way this variant run forced (decisions.ts), and whether
   * the guarded part ran: the other part is code that never runs in this variant.
   */
  readonly forcedBranches = new Map<BranchNode, boolean>();
  /**
   * Keys read from objects written as literals, by where the literal starts: every read with a
   * computed key (`ZOO[name]`), 'any' once such a key was not known statically, and every read of a
   * function member (`plugin.build`) (unusedBuilders.ts).
   */
  readonly keysRead = new Map<number, Set<string> | 'any'>();
  /**
   * Functions the run stored in a Map (`builders.set(name, build)` inside a `register` method), by
   * the node that declares them: the map (where it was made, as keysRead keys it) and the key,
   * undefined when not known (unusedBuilders.ts).
   */
  readonly storedFunctions = new Map<ts.Node, { map: number; key: string | undefined }[]>();
  /** The proxies the run made (proxies.ts). */
  readonly proxies = new Map<ObjectValue, ProxyParts>();
  /** What the run set on the global object (`globalThis.model = model`; pageGlobals.ts). */
  readonly pageGlobals = new Map<string, Value>();
  /** The event emitters of the run, and the listeners registered on them (eventEmitters.ts). */
  readonly emitters = new Map<ObjectValue, EmitterState>();
  readonly eventListeners = new Set<ts.Node>();
  /** Where the object literals a `for...of` loop bound to its variable start: the items the run reached (unusedBuilders.ts). */
  readonly loopItems = new Set<number>();
  /** Training of root walks that used no model of the file. */
  readonly detachedFrames: TrainingFrame[] = [];
  /** How many times an optimizer's `applyGradients` was replaced (clipping wrappers). */
  wrappedOptimizers = 0;
  /** Ranges of the main file that stand for imported code: its imports, and its calls of imported helpers (FileIR.importedCode). */
  readonly importedCode: ImportedCodeIR[] = [];
  /** The workspace files the main file imports itself: their analyses run its calls as an importer's. */
  readonly mainImports = new Set<string>();
  /** The functions being run, innermost last. */
  readonly callStack: FunctionValue[] = [];
  /** Source range of the call that started each running function (where a wrapper's evidence points). */
  readonly callSpans: (CallSite | undefined)[] = [];
  frame: TrainingFrame = newFrame();
  /** Conditions of enclosing `if`s that could not be decided (both branches are walked). */
  readonly conditions: string[] = [];
  /** Decisions the first run walked both ways (decisions.ts); empty in forced runs. */
  readonly decisionPoints = new Map<string, DecisionPoint>();
  /** Assignments, compiles and training calls made (with `effects`: did a branch change anything). */
  writes = 0;
  /**
   * While above 0, the code running stands for many runs with different values (a loop body of
   * unknown bound run once, a callback with parameters run with unknown arguments): an array it
   * fills has no known length.
   */
  representative = 0;
  /**
   * While above 0, the code running is one pass for many iterations (a loop body of unknown bound,
   * an array method's callback, an epoch hook, a repeating timer's callback): a condition there
   * (`i === 0`) differs between the iterations of one run, so it is no decision to fork variants
   * on. A handler (a command, a click) is not: each call is a run of its own, and a condition on its
   * arguments (`args.mode === 'fast'`) is one a run can take either way.
   */
  iterating = 0;
  /**
   * The scopes outside each pass that stands for many runs (a callback with parameters, a loop body
   * of unknown bound, a repeating scheduler's callback), innermost last: a counter bound outside
   * it that the pass updates from itself (`updates += 1`) holds one of many values there.
   */
  readonly passBoundaries: Scope[] = [];
  /** While a user-event handler runs (userEvents.ts): the undos of its writes over state already set. */
  undoLog?: Undo[];
  /**
   * Per function running, innermost last: the user-event handlers it registered, run when its body
   * ends (userEvents.ts whenRegistrationEnds), since no click comes before the code that registers it returns.
   */
  readonly registeredHandlers: (() => void)[][] = [];
  /**
   * While the branches of a condition that is no decision run (statements.ts executeIf): the
   * variables they assign, with the values they held before, to be joined afterwards.
   */
  branchWrites?: BranchWrite[];
  /**
   * While above 0, the code running is a function a gradient call runs (`minimize(f)`,
   * `variableGrads(f)`): a `tf.losses`/`tf.metrics` call there is a training loss; elsewhere (a
   * metric on test predictions after training) it is not.
   */
  gradientClosures = 0;
  /**
   * While a fit's callback runs before its first step (onTrainBegin, onEpochBegin of the first
   * epoch): where that fit is called. A rate assigned then is the one its steps start at.
   */
  startingFit?: Span;
  /** Per gradient call running (`opt.minimize(f)`, `tf.variableGrads(f)`), innermost last: the models f used, in the order it first used them (TrainingFrame.minimized, lossModels). */
  readonly minimizing: ModelState[][] = [];
  /**
   * Global-norm evidence of a helper call that left its input as it was (`const { clipped } =
   * clipGlobal(grads, 5)`), by the input's name: applying that name applies the unclipped gradients.
   */
  readonly clippedCopies = new WeakMap<ClippingEvidenceIR, string>();
  /**
   * Per running function: what a generator yields so far (its call's result is their array);
   * undefined for other functions. The length is not known once a yield stands for many runs.
   */
  readonly yields: ({ items: Value[]; lengthKnown: boolean } | undefined)[] = [];
  /** The state of the redux store the file made last, for redux-saga's `select` (reduxSaga.ts). */
  reduxState?: () => Value;
  /** Per running function: the result of a return reached only under an undecidable condition. */
  readonly returnSlots: ReturnSlot[] = [];
  /**
   * Names and member reads that a whitelist guard around the code being run pins to one of its
   * list's items (`env.KIND` in `if (ALLOWED.includes(env.KIND)) { ... }`), by their text (whitelistGuards.ts).
   */
  pinned?: Map<string, Value>;
  /** The expression statement being executed (for `model.add(...)` placement). */
  statement?: ts.Statement;
  nameHint?: NameHint;
  /** While set, every layer added to a sequential model is also recorded here (invariantLoops.ts). */
  sequentialLog?: [ModelState, SequentialEntry][];
  /** Things created (layers, nodes, model.add): loops stop early when iterations create nothing. */
  effects = 0;
  readonly notes: string[] = [];
  /** First application of each layer object (a second application is a shared layer). */
  readonly applications = new Map<LayerValue, GraphNode>();
  readonly moduleCache = new Map<string, ModuleContext | 'loading'>();
  /** How deep in imported modules the walk is. */
  moduleDepth = 0;
  private seq = 0;
  private steps = 0;

  /**
   * @param forced the branch each decision takes in this run (by decision key), when the run
   *   computes one variant; undefined in the first run, which walks every branch.
   */
  constructor(
    readonly options: ExtractOptions,
    readonly forced?: ReadonlyMap<string, number>,
    /**
     * Workspace files read for imports, parsed (JSON modules as text; null: no such file), shared
     * by the runs of one extractFile: each variant run would otherwise read and parse them again,
     * and try every extension of an import that does not resolve.
     */
    readonly loadedFiles = new Map<string, ts.SourceFile | string | null>(),
    /** Keys of the decisions `forced` holds at one branch only because runs are bounded: no run goes their other way. */
    readonly assumed: ReadonlySet<string> = new Set(),
  ) {}

  /**
   * Lets go of everything that reaches the syntax tree, once the run's models, notes and training
   * are taken (extractFile). The tree is garbage after extraction, yet V8's scavenges went on
   * finding an Extraction reachable (optimized code references objects of the last run; with
   * TurboFan off, `--no-opt`, it died young), and through it every node: at 2,000 lines the
   * 3.7 MB tree was copied by the next scavenge and promoted, on every analysis. Emptied, the
   * Extraction holds nothing of the tree however long it stays reachable.
   */
  release(): void {
    this.module = RELEASED_MODULE;
    this.moduleCache.clear();
    // The first run's map of imported files is shared by the variant runs (forced) that follow it.
    if (!this.forced) this.loadedFiles.clear();
    this.models.length = 0;
    this.modelsByKey.clear();
    this.functions.length = 0;
    this.invoked.clear();
    this.classes.length = 0;
    this.instantiated.clear();
    this.boundMethods.clear();
    this.mountedComponents.clear();
    this.branchOutcomes.clear();
    this.clausesRun.clear();
    this.forcedBranches.clear();
    this.keysRead.clear();
    this.storedFunctions.clear();
    this.loopItems.clear();
    this.emitters.clear();
    this.proxies.clear();
    this.pageGlobals.clear();
    this.eventListeners.clear();
    this.createdOptimizers.length = 0;
    this.minimizing.length = 0;
    this.constructedLayers.clear();
    this.detachedFrames.length = 0;
    this.callStack.length = 0;
    this.callSpans.length = 0;
    this.frame = newFrame();
    this.returnSlots.length = 0;
    this.applications.clear();
    this.statement = undefined;
    this.nameHint = undefined;
    this.sequentialLog = undefined;
  }

  nextSeq(): number {
    return ++this.seq;
  }

  /** Nodes walked so far (the step budget's count). */
  get stepsWalked(): number {
    return this.steps;
  }

  /** Called once per node walked: enforces the step budget and the caller's deadline. */
  step(): void {
    this.steps++;
    if (this.steps > MAX_STEPS) {
      throw new StopExtraction(`extraction stopped after ${MAX_STEPS} steps; later code was not analysed`);
    }
    if (this.options.deadline !== undefined && this.steps % DEADLINE_CHECK_EVERY === 0) {
      if (performance.now() > this.options.deadline) {
        throw new StopExtraction('extraction stopped at its time budget; later code was not analysed');
      }
    }
  }

  /**
   * Records a range that code of the file `module` is placed at (once); `basesOwnSubclass` when it
   * is a base class's method run on this file's subclass, whose file's analysis runs it on the
   * models its own code builds (ImportedCodeIR.seesModel 'own'); a file that imports this one
   * sees every model ('all').
   */
  placesImportedCode(span: Span, module: string, basesOwnSubclass = false): void {
    if (this.importedCode.some((known) => known.start === span.start && known.end === span.end && known.module === module)) return;
    const sees = this.options.importers?.some((file) => file.fileName === module) ? 'all' : basesOwnSubclass ? 'own' : undefined;
    this.importedCode.push(sees ? { ...span, module, seesModel: sees } : { ...span, module });
  }

  /** Source range of a node; nodes of imported files map to the import that brought them in. */
  spanOf(node: ts.Node): Span {
    if (!this.module.isMain) return this.module.anchor;
    return { start: tokenStart(node, this.module.sourceFile), end: node.end };
  }

  textOf(node: ts.Node): string {
    return node.getText(this.module.sourceFile);
  }

  get inMainFile(): boolean {
    return this.module.isMain;
  }

  /** The function being run (undefined at a module's top level). */
  get currentFunction(): ts.Node | undefined {
    return this.callStack[this.callStack.length - 1]?.node;
  }

  get currentFunctionValue(): FunctionValue | undefined {
    return this.callStack[this.callStack.length - 1];
  }
}

/**
 * Where a node's first token starts: `node.getStart()`, which scans the trivia after `node.pos`.
 * Most nodes start at `pos` or one space after it; only then is the answer read off directly.
 */
function tokenStart(node: ts.Node, sourceFile: ts.SourceFile): number {
  const pos = node.pos;
  if (pos !== node.end) {
    const text = sourceFile.text;
    const first = text.charCodeAt(pos);
    if (cannotStartTrivia(first)) return pos;
    if (first === SPACE && cannotStartTrivia(text.charCodeAt(pos + 1))) return pos + 1;
  }
  return node.getStart(sourceFile);
}

const SPACE = 32;

/** Printable ASCII other than `/` (comments), `#` (shebang) and `<`, `=`, `>` (merge-conflict markers). */
function cannotStartTrivia(code: number): boolean {
  return code > SPACE && code < 127 && code !== 47 && code !== 35 && code !== 60 && code !== 61 && code !== 62;
}
