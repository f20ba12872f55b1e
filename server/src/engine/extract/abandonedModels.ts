/**
 * Models that are bound to a variable and only looked at (`summary`, `predict`, `countParams`),
 * never trained:
 * - a notebook's first attempt, replaced before anything trains it:
 *
 *     let model = makeMlp(tf.initializers.randomNormal({ stddev: 1 }));
 *     model.predict(probe).print();      // "logits are huge: not training this one"
 *     model = makeMlp('heUniform');
 *     model.fit(xs, ys);
 *
 * - a reference built for its size, left when its block ends:
 *
 *     const baseline = buildBaseline();
 *     console.log(`params: ${model.countParams()} vs ${baseline.countParams()}`);
 *
 * - a sketch printed where it is built, held by nothing: `buildEncoderSketch().summary();`
 *
 * Their gradients never flow: a replaced model is dropped, a left one keeps its findings as hints
 * that say so (the definition may still be trained elsewhere one day). Decided from the syntax of
 * the statements around the binding, conservatively: any use of the variable other than a method
 * that only reads the model (passed on, stored, returned, trained, compiled) keeps the model.
 */
import ts from 'typescript';
import type { ReadFile } from './context';
import type { Span } from '../ir';
import type { ModelState } from './values';
import { ancestorsOf } from './ancestors';
import { hasModifier } from './modifiers';
import { ASSIGNING, methodsCalledIn, methodsCalledOnModuleVariable, methodsCalledOnOwnMember, onlyCallInFile, ownReturns, topLevelDeclaration, type Statements } from './moduleVariableUses';
import { importerSourceFile } from './importerScans';
import { moduleBindingsOf } from './moduleBindings';
import { specifierTargets } from './specifiers';
import { readText } from './readText';
import { functionsImportedFrom } from './importedFunctions';
import { hookName, isDependencyList } from './reactHookCalls';
import type { CallSite } from './callSites';

const { SyntaxKind, isBinaryExpression, isBlock, isExpressionStatement, isIdentifier, isPropertyAccessExpression, isSourceFile, isVariableDeclaration, isVariableDeclarationList, isVariableStatement } = ts;

/** Methods that look at a model without training it or handing it to other code. */
const LOOKING_METHODS = new Set(['predict', 'summary', 'countParams', 'getLayer', 'getWeights']);

/** Whether the model built by the expression at `span` (its outermost call in this file) is bound, only looked at, then replaced. */
export function isReplacedBeforeTraining(sourceFile: ts.SourceFile, span: Span): boolean {
  // Trees are parsed without parent pointers: the walk to the expression keeps its ancestors.
  const ancestors = ancestorsOf(sourceFile, span);
  const binding = ancestors && bindingOf(ancestors);
  if (!binding?.mutable) return false;
  const { name, statement, statements } = binding;
  for (const later of statements.slice(statements.indexOf(statement) + 1)) {
    if (reassigns(later, name)) return true;
    if (!onlyCalls(later, name, LOOKING_METHODS)) return false;
  }
  return false;
}

/** Why a model is never trained, and whether no code added later can train it (`final`). */
export interface Untrained {
  why: string;
  /**
   * Disposed where it is left, or left in an importer that trains models of its own (the training
   * script, which only looks at this one).
   */
  final: boolean;
}

/**
 * Why every build of a model is left untrained (whyLeftUntrained), or undefined when one may not
 * be: a build by an imported helper lands where this file cannot see, and so does one an importer
 * calls unless that importer's text is at hand (its call is then followed there: a test file that
 * builds a variant only to predict with it).
 */
export function whyEveryBuildIsLeftUntrained(sourceFile: ts.SourceFile, builds: readonly ModelState[], readFile?: ReadFile): Untrained | undefined {
  let first: Untrained | undefined;
  for (const build of builds) {
    // An importer's call is followed only as the outermost one (landingOf reads that importer's text).
    if (build.builtIn || build.callSites.some((site, i) => site.importer && i > 0)) return undefined;
    const untrained = whyLeftUntrained(sourceFile, [...build.callSites, build.span], readFile);
    if (untrained === undefined) return undefined;
    first = { why: first?.why ?? untrained.why, final: (first?.final ?? true) && untrained.final };
  }
  return first;
}

/**
 * Whether the build lands, in this file or in the importer whose call built it, where the very
 * next statement gives it other weights (`this.target = buildQNet(...);
 * this.target.setWeights(this.online.getWeights());`): its initializers never act, whatever
 * trains it later.
 */
export function weightsSetWhereItLands(sourceFile: ts.SourceFile, build: ModelState): boolean {
  if (build.builtIn) return false;
  const landed = landingOf(sourceFile, [...build.callSites, build.span]);
  return landed !== undefined && nextStatementSetsWeights(landed.landing);
}

function nextStatementSetsWeights(landing: ts.Node[]): boolean {
  const file = landing[0] as ts.SourceFile;
  let at = seenThrough(landing);
  while (at > 0 && !isStatementList(landing[at - 1])) at--;
  const statement = landing[at];
  const list = landing[at - 1];
  if (at === 0 || !list || !isStatementList(list)) return false;
  const held = heldBy(statement, file);
  const statements = (list as ts.Block | ts.SourceFile).statements;
  const next = statements[statements.indexOf(statement as ts.Statement) + 1];
  if (held === undefined || !next || !isExpressionStatement(next) || !ts.isCallExpression(next.expression)) return false;
  const callee = next.expression.expression;
  return isPropertyAccessExpression(callee) && callee.name.text === 'setWeights' && callee.expression.getText(file) === held;
}

function isStatementList(node: ts.Node): boolean {
  return ts.isBlock(node) || isSourceFile(node);
}

/** What a statement that holds a built model names it by: `this.target` of `this.target = ...;`, `copy` of `const copy = ...;`. */
function heldBy(statement: ts.Node, file: ts.SourceFile): string | undefined {
  if (isExpressionStatement(statement) && isBinaryExpression(statement.expression) && statement.expression.operatorToken.kind === SyntaxKind.EqualsToken) return statement.expression.left.getText(file);
  if (!isVariableStatement(statement) || statement.declarationList.declarations.length !== 1) return undefined;
  const name = statement.declarationList.declarations[0].name;
  return isIdentifier(name) ? name.text : undefined;
}

/**
 * Why the model built along `chain` (the calls that lead to its build, outermost first, the
 * outermost perhaps an importer's, then the build) is never trained: where it lands, in this file
 * or that importer, past the calls that return it, it is
 * bound to a `const` or `let` of a function's block (or of an ES module, not exported) that every
 * other statement of the block only looks at, or gives other weights (`setWeights`) before saving,
 * so it is left when the block ends, its initial weights never trained. Else undefined.
 */
function whyLeftUntrained(mainFile: ts.SourceFile, chain: readonly CallSite[], readFile?: ReadFile): Untrained | undefined {
  const landed = landingOf(mainFile, chain);
  const untrained = landed && untrainedAtLanding(mainFile, landed);
  const landedIn = landed?.landing[0] as ts.SourceFile | undefined;
  return untrained && landedIn !== mainFile && trainsModels(landedIn!, readFile) ? { ...untrained, final: true } : untrained;
}

/**
 * Whether a file takes training steps (`fit`, `minimize`...) on some model, itself or through a
 * workspace module it imports (a training script that hands its model to a trainer class of
 * another file: `new StagedTrainer(net).runCurriculum(...)`).
 */
function trainsModels(sourceFile: ts.SourceFile, readFile?: ReadFile): boolean {
  if (TRAINS.test(sourceFile.text)) return true;
  if (!readFile) return false;
  return moduleBindingsOf(sourceFile).some((binding) => !binding.typeOnly && specifierTargets(sourceFile.fileName, binding.specifier).some((name) => TRAINS.test(readText(readFile, name) ?? '')));
}

const TRAINS = /\.(fit|fitDataset|trainOnBatch|minimize|applyGradients)\s*\(/;

/** whyLeftUntrained once the model's landing is found: the statements around it only look at it. */
function untrainedAtLanding(mainFile: ts.SourceFile, { landing, methods }: { landing: ts.Node[]; methods: ReadonlySet<string> }): Untrained | undefined {
  // The file the model lands in: this one, or the importer whose call built it.
  const sourceFile = landing[0] as ts.SourceFile;
  // Saved by its builder as built, its initial weights would be what a later run loads and trains.
  if (methods.has('save') && !methods.has('setWeights')) return undefined;
  // Compiled by its builder (returnedAfterBuilding), it lands untrained only in an importer.
  if (sourceFile === mainFile && methods.has('compile')) return undefined;
  const glance = lookedAtOnce(landing);
  if (glance) return { why: `${glance.built} is never trained: its model is only looked at (${glance.method}()) and then dropped, so its gradients never flow`, final: false };
  const dropped = droppedCall(landing);
  if (dropped) {
    // `docsPreview();`: the builder looked at it (`summary()`) and nothing takes what it returns.
    const looks = looksAmong([...methods]);
    return looks.length > 0 ? { why: `${dropped} is never trained: its model is only looked at (${listed(looks)}) and then dropped, so its gradients never flow`, final: false } : undefined;
  }
  const member = memberAssigned(landing);
  if (member) return leftInModuleVariable(declaringStatements(landing, member.object) ?? sourceFile, member.object, methods, member.name);
  const own = ownMemberAssigned(landing);
  if (own) {
    const called = methodsCalledOnOwnMember(sourceFile, own.owner, own.name, LEFT_MODEL_METHODS);
    return called && leftUntrainedVerdict(`this.${own.name}`, [...new Set([...methods, ...called])]);
  }
  const binding = bindingOf(landing);
  if (binding && !binding.scoped) return binding.mutable ? leftInModuleVariable(sourceFile, binding.name, methods) : undefined;
  // A page script's top-level `const` is seen by the page's other scripts too, but one that trains
  // its own models and only looks at this one is the page's training script: no other trains it.
  if (!binding || (isSourceFile(binding.container) && hasModifier(binding.statement, SyntaxKind.ExportKeyword))) return undefined;
  const { name, statement, statements } = binding;
  // A top-level one may be looked at in functions too (`render(blankNet)` of a page whose render
  // only predicts); so may a block's, in the functions written in that block (a page wrapped in
  // a function run once: `const preview = buildPreview(); function score() { preview.predict(x) }`).
  const acrossTheFile = () => leftInModuleVariable(binding.container, name, methods);
  // What its builder did before returning it: looked at it, or gave it other weights (a quantised copy of the trained model).
  const used: string[] = [...methods];
  for (const other of statements) {
    if (other === statement) continue;
    const methods = new Set<string>();
    const allowed = sourceFile === mainFile && isSourceFile(binding.container) ? LEFT_MODEL_METHODS : LEFT_IN_IMPORTER_METHODS;
    if (!onlyCalls(other, name, allowed, methods)) {
      // Handed to a function of the file that only looks at it (`await measureLatency(probe)`).
      const passed = methodsCalledIn(sourceFile, other, name, allowed, sourceFile === mainFile ? undefined : functionsImportedFrom(sourceFile, mainFile));
      if (!passed) return acrossTheFile();
      passed.forEach((method) => methods.add(method));
    }
    // Saved as built, its initial weights would be what a later run loads and trains.
    if (methods.has('save') && !used.includes('setWeights')) return undefined;
    used.push(...[...methods].filter((method) => !used.includes(method)));
  }
  return leftUntrainedVerdict(name, used);
}

/**
 * Why a model whose only uses were `used` (methods called on it, in order) is never trained, said
 * of what holds it; undefined when it is saved as built (a later run loads and trains those
 * weights) or nothing looks at it.
 */
function leftUntrainedVerdict(held: string, used: readonly string[]): Untrained | undefined {
  if (used.includes('save') && !used.includes('setWeights')) return undefined;
  const looks = looksAmong(used);
  if (looks.length === 0) return undefined;
  const final = used.includes('dispose');
  // A soft update blends its own weights in (`into.getWeights()`): its initial weights last, though no gradient flows through it.
  if (looks.includes('setWeights') && looks.includes('getWeights')) return { why: `${held} is never trained: it only takes weights (setWeights()), so no gradient flows through it`, final };
  if (looks.includes('setWeights')) return { why: `${held} is never trained: it takes another model's weights (setWeights()), so its initializers never act`, final };
  return { why: `${held} is never trained: it is only looked at (${listed(looks)}), so its gradients never flow`, final };
}

/**
 * `previewModel = buildPreviewModel()` in a function, of a `let previewModel = null` the file's top
 * level declares, or `state.probe = ...` of a top-level `state`: left untrained when every use of
 * the variable (or member) in the file only looks at it (moduleVariableUses.ts), as a block's
 * `const` is.
 */
function leftInModuleVariable(sourceFile: Statements, name: string, builderMethods: ReadonlySet<string>, member?: string): Untrained | undefined {
  const called = methodsCalledOnModuleVariable(sourceFile, name, LEFT_MODEL_METHODS, member);
  return called && leftUntrainedVerdict(member === undefined ? name : `${name}.${member}`, [...new Set([...builderMethods, ...called])]);
}

/** The innermost block (or the file) around the landing whose own statements declare `name`. */
function declaringStatements(ancestors: readonly ts.Node[], name: string): Statements | undefined {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const node = ancestors[i];
    if ((isBlock(node) || isSourceFile(node)) && topLevelDeclaration(node, name)) return node;
  }
  return undefined;
}

/** `<target> = <built>;` as a statement of its own: the target. */
function assignedTo(ancestors: readonly ts.Node[]): ts.Expression | undefined {
  const index = seenThrough(ancestors);
  const assignment = ancestors[index - 1];
  if (!assignment || !isBinaryExpression(assignment) || assignment.right !== ancestors[index] || assignment.operatorToken.kind !== SyntaxKind.EqualsToken || !isExpressionStatement(ancestors[index - 2])) return undefined;
  return assignment.left;
}

/** `state.probe = <built>;`: the object's name and the member. */
function memberAssigned(ancestors: ts.Node[]): { object: string; name: string } | undefined {
  const target = assignedTo(ancestors);
  return target && isPropertyAccessExpression(target) && isIdentifier(target.expression) ? { object: target.expression.text, name: target.name.text } : undefined;
}

/** `this.targetCritic = <built>;` in a class's method or constructor: the class and the member. */
function ownMemberAssigned(ancestors: ts.Node[]): { owner: ts.ClassLikeDeclaration; name: string } | undefined {
  const target = assignedTo(ancestors);
  if (!target || !isPropertyAccessExpression(target) || target.expression.kind !== SyntaxKind.ThisKeyword) return undefined;
  // `this` is the instance where the nearest function around is a method or constructor of a class.
  let at = ancestors.length - 1;
  while (at > 0 && !(ts.isFunctionLike(ancestors[at]) && !ts.isArrowFunction(ancestors[at]))) at--;
  const owner = ancestors[at - 1];
  return at > 0 && ts.isClassLike(owner) ? { owner, name: target.name.text } : undefined;
}

/** Building it (`add`), setting up its training (`compile`) and letting it go (`dispose`) look at nothing. */
function looksAmong(methods: readonly string[]): string[] {
  return methods.filter((method) => method !== 'dispose' && method !== 'add' && method !== 'compile');
}

function listed(looks: readonly string[]): string {
  return looks.map((method) => (method === 'layers' ? method : `${method}()`)).join(', ');
}

/** `docsPreview();`: the call's value is a statement's whole expression, which nothing takes. */
function droppedCall(ancestors: ts.Node[]): string | undefined {
  const index = seenThrough(ancestors);
  const node = ancestors[index];
  return node && ts.isCallExpression(node) && isExpressionStatement(ancestors[index - 1]) ? node.getText(ancestors[0] as ts.SourceFile) : undefined;
}

/**
 * What a model left untrained may be asked: to be built (`add`), to be looked at (its `layers`
 * listed for a diagram too, its weights read), to take another model's weights, to be saved after that, to be disposed.
 */
const LEFT_MODEL_METHODS = new Set(['add', 'predict', 'evaluate', 'summary', 'countParams', 'layers', 'getWeights', 'setWeights', 'save', 'dispose']);

/**
 * And, where an importer's own call built it or a block of the analysed file holds it, to be
 * compiled: an optimizer that never steps (a test file's variant only predicted, a checkpoint
 * checker's `clf.compile(...)` for its `evaluate`). A model compiled by its builder in the analysed
 * file may be what other code trains (an exported builder's default build summarised by a
 * `require.main` block): its compile says it is meant for training.
 */
const LEFT_IN_IMPORTER_METHODS = new Set([...LEFT_MODEL_METHODS, 'compile']);

/** How many builders' single calls a landing is followed through (landingOf). */
const MAX_CALLS_FOLLOWED = 8;

/**
 * Where the value built along `chain` lands: the innermost expression not returned by its function,
 * with its ancestors; `methods`, those the builders on the way called on it before returning it.
 * Past the chain's outermost call, a value its function returns lands where the one call of that
 * function in the file does (a build analysed outside any call, in a run that never called it).
 */
function landingOf(mainFile: ts.SourceFile, chain: readonly CallSite[]): { landing: ts.Node[]; methods: ReadonlySet<string> } | undefined {
  const methods = new Set<string>();
  let spans = chain;
  let sourceFile = mainFile;
  for (let followed = 0; followed <= MAX_CALLS_FOLLOWED; followed++) {
    let outermost: ts.Node[] | undefined;
    for (let i = spans.length - 1; i >= 0; i--) {
      const importer = spans[i].importer;
      if (importer) {
        // Its text is at hand while its scan is cached; otherwise it lands where this file cannot see.
        const importerFile = importerSourceFile(mainFile.fileName, importer.name);
        if (!importerFile) return undefined;
        sourceFile = importerFile;
      }
      const ancestors = ancestorsOf(sourceFile, spans[i]);
      if (!ancestors) return undefined;
      const index = seenThrough(ancestors);
      const parent = ancestors[index - 1];
      const returned = parent !== undefined && (ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === ancestors[index]));
      const memo = returned ? useMemoAround(ancestors, index) : undefined;
      if (memo !== undefined) return { landing: ancestors.slice(0, memo + 1), methods };
      if (!returned && !returnedAfterBuilding(ancestors, methods) && !returnedThroughMemo(ancestors, methods)) return { landing: ancestors, methods };
      outermost = ancestors;
    }
    const builder = outermost && builderOf(outermost);
    const call = builder && onlyCallInFile(sourceFile, builder.name, (candidate) => hookName(candidate) === 'useMemo');
    if (!call) return undefined;
    spans = [{ start: call.getStart(sourceFile), end: call.end }];
  }
  return undefined;
}

/**
 * `const preview = tf.sequential(); preview.add(...); return preview;`: a builder's binding that
 * only adds layers, looks at the model or sets its weights, and is returned lands where the
 * builder's call does; the methods it called go to `seen`.
 */
function returnedAfterBuilding(ancestors: ts.Node[], seen: Set<string>): boolean {
  const binding = bindingOf(ancestors);
  if (!binding?.scoped || isSourceFile(binding.container)) return false;
  let returns = false;
  const called = new Set<string>();
  for (const other of binding.statements) {
    if (other === binding.statement) continue;
    if (ts.isReturnStatement(other) && other.expression && isIdentifier(other.expression) && other.expression.text === binding.name) returns = true;
    else if (!onlyCalls(other, binding.name, LEFT_IN_IMPORTER_METHODS, called) && !keptInMemo(ancestors, other, binding.name, called)) return false;
  }
  if (returns) called.forEach((method) => seen.add(method));
  return returns;
}

/**
 * `latencyNet = net;` in a builder that returns `net` and hands the memo back on its next call
 * (`if (latencyNet) return latencyNet;`): the memo is a top-level variable every use of which only
 * looks at it, tests it or returns it from this builder, called once in the file, so what its
 * caller does with the model is all that is done with it. The memo's methods go to `seen`.
 */
function keptInMemo(ancestors: readonly ts.Node[], statement: ts.Statement, name: string, seen: Set<string>): boolean {
  if (!isExpressionStatement(statement)) return false;
  const assignment = statement.expression;
  if (!isBinaryExpression(assignment) || assignment.operatorToken.kind !== SyntaxKind.EqualsToken || !isIdentifier(assignment.left) || !isIdentifier(assignment.right) || assignment.right.text !== name) return false;
  const builder = builderOf(ancestors);
  return builder !== undefined && memoMethods(ancestors[0] as ts.SourceFile, builder, assignment.left.text, seen);
}

/** `memo = tf.sequential(); memo.add(...); return memo;` in a builder that keeps its model in a memo (keptInMemo), assigned here. */
function returnedThroughMemo(ancestors: readonly ts.Node[], seen: Set<string>): boolean {
  const binding = bindingOf(ancestors);
  if (!binding || binding.scoped || isSourceFile(binding.container)) return false;
  const builder = builderOf(ancestors);
  const returnsMemo = builder !== undefined && [...ownReturns(builder.fn)].some((statement) => statement.expression !== undefined && isIdentifier(statement.expression) && statement.expression.text === binding.name);
  return returnsMemo && memoMethods(ancestors[0] as ts.SourceFile, builder, binding.name, seen);
}

/** The methods called on the memo `memo` of `builder` (keptInMemo), added to `seen`; false when it is no such memo. */
function memoMethods(sourceFile: ts.SourceFile, builder: Builder, memo: string, seen: Set<string>): boolean {
  if (!onlyCallInFile(sourceFile, builder.name)) return false;
  const methods = methodsCalledOnModuleVariable(sourceFile, memo, LEFT_MODEL_METHODS, undefined, builder.fn);
  methods?.forEach((method) => seen.add(method));
  return methods !== undefined;
}

/**
 * The index in `ancestors` of React's `useMemo(() => build(), deps)` whose factory returns the
 * value at `index`: the component's binding of the memo holds what the factory returns.
 */
function useMemoAround(ancestors: readonly ts.Node[], index: number): number | undefined {
  let factory = index - 1;
  while (factory > 0 && !ts.isFunctionLike(ancestors[factory])) factory--;
  const call = ancestors[factory - 1];
  return call && ts.isCallExpression(call) && call.arguments[0] === ancestors[factory] && hookName(call) === 'useMemo' ? factory - 1 : undefined;
}

/** A top-level function of the file, not exported, that builds and returns a model. */
interface Builder {
  fn: ts.FunctionLikeDeclaration;
  name: string;
}

/** The innermost function around the end of `ancestors` and its name, when it is a top-level `function name()` or `const name = () => ...` of the file, not exported. */
function builderOf(ancestors: readonly ts.Node[]): Builder | undefined {
  let index = ancestors.length - 1;
  while (index > 0 && !ts.isFunctionLike(ancestors[index])) index--;
  const fn = ancestors[index];
  if (ts.isFunctionDeclaration(fn) && fn.name && ancestors[index - 1] && isSourceFile(ancestors[index - 1])) return hasModifier(fn, SyntaxKind.ExportKeyword) ? undefined : { fn, name: fn.name.text };
  const [declaration, , statement, file] = [ancestors[index - 1], ancestors[index - 2], ancestors[index - 3], ancestors[index - 4]];
  if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || !declaration || !isVariableDeclaration(declaration) || !isIdentifier(declaration.name) || declaration.initializer !== fn) return undefined;
  if (!statement || !isVariableStatement(statement) || !file || !isSourceFile(file) || hasModifier(statement, SyntaxKind.ExportKeyword)) return undefined;
  return { fn, name: declaration.name.text };
}

/** Methods whose call on a model, right where it is built, leaves nothing holding it. */
const GLANCING_METHODS = new Set(['summary', 'countParams', 'predict']);

/** `buildSketch().summary()`: the built value is asked one looking method and held by nothing. */
function lookedAtOnce(ancestors: ts.Node[]): { built: string; method: string } | undefined {
  const index = seenThrough(ancestors);
  const node = ancestors[index];
  const access = ancestors[index - 1];
  const call = ancestors[index - 2];
  if (!node || !access || !call || !isPropertyAccessExpression(access) || access.expression !== node || !ts.isCallExpression(call) || call.expression !== access) return undefined;
  if (!GLANCING_METHODS.has(access.name.text)) return undefined;
  const sourceFile = ancestors[0] as ts.SourceFile;
  return { built: node.getText(sourceFile), method: access.name.text };
}

interface Binding {
  name: string;
  statement: ts.Statement;
  container: ts.Block | ts.SourceFile;
  statements: readonly ts.Statement[];
  /** `let name = <built>;` (one declaration) or `name = <built>;`: a later statement may replace it. */
  mutable: boolean;
  /** `const` or `let name = <built>;`: the name lives as long as its block. */
  scoped: boolean;
}

/** `let name = <built>;`, `const name = <built>;` or `name = <built>;` as a statement of its own (through parentheses, casts and await), and the statements it is one of. */
function bindingOf(ancestors: readonly ts.Node[]): Binding | undefined {
  const parentOf = (at: number): ts.Node | undefined => ancestors[at - 1];
  const index = pastMemoFallback(ancestors, seenThrough(ancestors));
  const node = ancestors[index];
  const parent = parentOf(index);
  let name: string | undefined;
  let statementIndex = index - 1;
  let mutable = false;
  let scoped = false;
  if (parent && isVariableDeclaration(parent) && parent.initializer === node && isIdentifier(parent.name)) {
    const list = parentOf(index - 1);
    const statement = parentOf(index - 2);
    if (!list || !isVariableDeclarationList(list) || !statement || !isVariableStatement(statement)) return undefined;
    scoped = (list.flags & (ts.NodeFlags.Const | ts.NodeFlags.Let)) !== 0;
    mutable = (list.flags & ts.NodeFlags.Const) === 0 && list.declarations.length === 1;
    name = parent.name.text;
    statementIndex = index - 3;
  } else if (parent && isBinaryExpression(parent) && parent.right === node && ASSIGNING.has(parent.operatorToken.kind) && isIdentifier(parent.left)) {
    const statement = parentOf(index - 1);
    if (!statement || !isExpressionStatement(statement)) return undefined;
    name = parent.left.text;
    statementIndex = index - 2;
    mutable = true;
  }
  const statement = ancestors[statementIndex];
  const container = ancestors[statementIndex - 1];
  if (name === undefined || !container || !(isBlock(container) || isSourceFile(container))) return undefined;
  return { name, statement: statement as ts.Statement, container, statements: container.statements, mutable, scoped };
}

/** A memo's `probe = probe || <built>` (or `??`). */
const FALLBACKS = new Set([SyntaxKind.BarBarToken, SyntaxKind.QuestionQuestionToken]);

/** `probe = probe || <built>` (or `??`): the memo's build lands in `probe`, as if assigned itself. */
function pastMemoFallback(ancestors: readonly ts.Node[], index: number): number {
  const fallback = ancestors[index - 1];
  const assignment = ancestors[index - 2];
  if (!fallback || !isBinaryExpression(fallback) || fallback.right !== ancestors[index] || !FALLBACKS.has(fallback.operatorToken.kind) || !isIdentifier(fallback.left)) return index;
  const assignsItself = assignment !== undefined && isBinaryExpression(assignment) && assignment.right === fallback && assignment.operatorToken.kind === SyntaxKind.EqualsToken && isIdentifier(assignment.left) && assignment.left.text === fallback.left.text;
  return assignsItself ? index - 1 : index;
}

const SEEN_THROUGH = new Set([SyntaxKind.ParenthesizedExpression, SyntaxKind.AsExpression, SyntaxKind.AwaitExpression, SyntaxKind.NonNullExpression]);

/** Where in `ancestors` (a path ending at an expression) the value stands, past parentheses, casts and `await` around it. */
function seenThrough(ancestors: readonly ts.Node[]): number {
  let index = ancestors.length - 1;
  while (index > 0 && SEEN_THROUGH.has(ancestors[index - 1].kind)) index--;
  return index;
}

function reassigns(statement: ts.Statement, name: string): boolean {
  if (!isExpressionStatement(statement)) return false;
  const expression = statement.expression;
  return isBinaryExpression(expression) && expression.operatorToken.kind === SyntaxKind.EqualsToken && isIdentifier(expression.left) && expression.left.text === name && !mentions(expression.right, name);
}

function mentions(node: ts.Node, name: string): boolean {
  if (isIdentifier(node) && node.text === name) return true;
  return ts.forEachChild(node, (child) => mentions(child, name) || undefined) ?? false;
}

/** Every mention of `name` in the statement is `name.<one of methods>` (or a member named like it); the members used go to `seen`. */
function onlyCalls(statement: ts.Node, name: string, methods: ReadonlySet<string>, seen?: Set<string>): boolean {
  const looks = (node: ts.Node): boolean => {
    if (isPropertyAccessExpression(node) && isIdentifier(node.expression) && node.expression.text === name) {
      seen?.add(node.name.text);
      return methods.has(node.name.text);
    }
    if (isPropertyAccessExpression(node)) return looks(node.expression);
    if (isIdentifier(node)) return node.text !== name;
    if (ts.isCallExpression(node) && node.arguments.some((argument) => isDependencyList(node, argument))) {
      return looks(node.expression) && node.arguments.every((argument) => isDependencyList(node, argument) || looks(argument));
    }
    // forEachChild stops at the first truthy answer: a child that does more than look.
    return ts.forEachChild(node, (child) => (looks(child) ? undefined : child)) === undefined;
  };
  return looks(statement);
}
