/**
 * A model built only inside a function nothing can run: the model is never built as the file
 * stands, so its findings are hints (analyze.ts), which the editor still shows, instead of
 * warnings. Such a function is, in a module (ES or CommonJS):
 * - declared, not exported, and never named again in the file (no call, no callback such as
 *   `button.onclick = train`, no `module.exports = { build }`): a first attempt kept for
 *   reference, or a builder not wired up yet;
 * - or named only in branches that never run, their condition known (`if (RUN_LR_RANGE_TEST)`
 *   with `const RUN_LR_RANGE_TEST = false`), or on a parameter of the module's own function that
 *   no call of it in the file satisfies (`case 'legacy':` of `switch (kind)`, every call passing
 *   another kind);
 * - or a member of a registry object never read under its key: `ZOO[name]()` where every `name`
 *   is known and none is this key, the object not exported nor handed anywhere else (the
 *   function written in the registry or only named there, as a class may be); or a factory set in
 *   a registry `Map` under a key no `get` or `has` reads;
 * - or code in a `catch` block for an error class of the file that the file throws only when a
 *   loss is not finite (`if (!(err instanceof NaNLossError)) throw err;`): a rescue that runs
 *   only after training diverges, which the first run's training does not;
 * - or a member of a plugin object in a list the file only walks with `for...of`, reading members
 *   of the loop variable (`plugin.name`, `plugin.build`), where the run reached the object and
 *   never read that member: a disabled plugin, the enabled ones read by a condition on `plugin.name`.
 * A script without module syntax is judged so only when it wires itself up (a top-level call or
 * assignment: `button.addEventListener('click', train)`); one that only declares relies on the
 * page's inline handlers to call its functions. As ESLint does for scripts, a name listed in an
 * `exported` block comment (`/* exported train *\/`) is called from elsewhere.
 */
import ts from 'typescript';
import type { Span } from '../ir';
import { ancestorsOf } from './ancestors';
import { RAN_GUARDED, RAN_OTHER, type BranchNode, type Extraction, type ImporterText } from './context';
import { extendsClause, hasModifier } from './modifiers';
import { moduleBindingsOf } from './moduleBindings';
import { uncalledVueMethod } from './uncalledVueMethods';

const {
  SyntaxKind,
  isArrowFunction,
  isElementAccessExpression,
  isFunctionDeclaration,
  isFunctionExpression,
  isIdentifier,
  isIfStatement,
  isMethodDeclaration,
  isObjectLiteralExpression,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isStringLiteralLike,
  isVariableDeclaration,
  isVariableStatement,
} = ts;

/** Where a variant run forced a branch's way: the other part never runs in that variant only. */
const NOT_IN_THIS_VARIANT = 'which it is not in this variant';

/** Whether a model is never built only in the variant whose run said so (a call in the branch it forced off). */
export function neverBuiltInThisVariantOnly(why: string): boolean {
  return why.includes(NOT_IN_THIS_VARIANT);
}

/** What every reason ends with; of a layer no model holds, `layerNeverConstructed` says it of the layer. */
const NEVER_BUILT = 'this model is never built';

/** A reason a model is never built, said of a layer no model holds that the same code constructs. */
export function layerNeverConstructed(why: string): string {
  return why.replace(NEVER_BUILT, 'this layer is never constructed');
}

/** What an extraction run saw of the file running: branches and registry reads (context.ts). */
export type RunRecord = Pick<Extraction, 'branchOutcomes' | 'clausesRun' | 'forcedBranches' | 'keysRead' | 'storedFunctions' | 'loopItems'>;

/** A run that stopped early did not meet every way its branches go, nor every read. */
export const NOTHING_SEEN: RunRecord = { branchOutcomes: new Map(), clausesRun: new Map(), forcedBranches: new Map(), keysRead: new Map(), storedFunctions: new Map(), loopItems: new Set() };

/**
 * Whether a model is never built, asked with where each of its builds starts (its outermost call
 * in this file, or its definition) and the calls of this file that lead to it (outermost first):
 * why in words when every one sits in code nothing runs, or in a rescue after training diverges,
 * else undefined; an unknown start (a call in an importing file) is code that runs.
 */
export type NeverBuilt = (starts: readonly (Span | undefined)[], chains: () => readonly (readonly Span[])[]) => string | undefined;

/** `importers`: the files that import this one, where a subclass may call a protected method. */
export function neverBuiltTest(sourceFile: ts.SourceFile, text: string, run: RunRecord, importers: readonly ImporterText[] = []): NeverBuilt {
  const script = !isModule(sourceFile, text);
  if (script && !wiresItself(sourceFile)) return () => undefined;
  const mentions = lazily(() => countMentions(sourceFile, run, script ? exportedComments(text) : []));
  const namedByImporters = (name: string) => importers.some((importer) => importer.text.includes(name));
  const neverRun = (starts: readonly (Span | undefined)[]): string | undefined => {
    let why: string | undefined;
    for (const start of starts) {
      const reason = start && whyNeverRun(sourceFile, start, mentions, run, script, namedByImporters);
      if (!reason) return undefined;
      why ??= reason;
    }
    return why;
  };
  const rescues = lazily(() => (text.includes('catch') ? rescueBlocks(sourceFile) : []));
  return (starts, chains) => neverRun(starts) ?? rescuedOnly(rescues(), chains);
}

/** A catch block that rescues diverged training, with the error class it handles (divergenceRescued). */
interface RescueBlock {
  start: number;
  end: number;
  errorClass: string;
}

/** Why every build runs only in a catch block that rescues diverged training, else undefined. */
function rescuedOnly(rescues: readonly RescueBlock[], chains: () => readonly (readonly Span[])[]): string | undefined {
  if (rescues.length === 0) return undefined;
  let rescued: string | undefined;
  for (const chain of chains()) {
    const block = rescues.find((rescue) => chain.some((site) => site.start >= rescue.start && site.end <= rescue.end));
    if (!block) return undefined;
    rescued ??= block.errorClass;
  }
  return rescued && `it is built only in a catch block for ${rescued}, which this file throws only when a loss is not finite, so ${NEVER_BUILT} unless training diverges`;
}

/** The file's catch blocks that rescue diverged training. */
function rescueBlocks(sourceFile: ts.SourceFile): RescueBlock[] {
  const blocks: RescueBlock[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCatchClause(node)) {
      const errorClass = divergenceRescued(sourceFile, node);
      if (errorClass) blocks.push({ start: node.block.pos, end: node.block.end, errorClass });
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return blocks;
}

function isModule(sourceFile: ts.SourceFile, text: string): boolean {
  return ts.isExternalModule(sourceFile) || /\brequire\s*\(|\bmodule\.exports\b|\bexports\.[\w$]/.test(text);
}

/** Whether a script runs code of its own at its top level (a call, an assignment), not declarations only. */
function wiresItself(sourceFile: ts.SourceFile): boolean {
  return sourceFile.statements.some((statement) => ts.isExpressionStatement(statement));
}

/** The names `/* exported a, b *\/` comments list (ESLint's directive for a script's globals used elsewhere). */
function exportedComments(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(/\/\*\s*exported\s+([^*]*)\*\//g)) names.push(...match[1].split(/[\s,]+/).filter((name) => name !== ''));
  return names;
}

/** Why the code at `span` never runs, as the start of a model's build: the function around it is never run. */
function whyNeverRun(sourceFile: ts.SourceFile, span: Span, mentions: () => Mentions, run: RunRecord, script: boolean, namedByImporters: (name: string) => boolean): string | undefined {
  const ancestors = ancestorsOf(sourceFile, span);
  if (!ancestors) return undefined;
  for (let i = 0; i < ancestors.length; i++) {
    const node = ancestors[i];
    const name = functionName(node);
    const className = name === undefined ? undecoratedClassName(node) : undefined;
    const exported = exportedByModifier(ancestors, i);
    // A function not exported, or a method only its class (and subclasses) can call: called by
    // name, so a name the file writes nowhere else (or only in a branch that never runs) is no call.
    const hidden = name === undefined ? hiddenMethod(node, ancestors[i - 1]) : undefined;
    const callable = name !== undefined ? (exported ? undefined : name) : hidden && (hidden.access === 'private' || !namedByImporters(hidden.name)) ? hidden.name : undefined;
    if (callable !== undefined && mentions().live(callable) === 1) {
      const deadBranch = mentions().deadBranchOf(callable);
      if (deadBranch) return `${callable} is called only where ${deadBranch}, so ${NEVER_BUILT}`;
      if (hidden) return `${callable} is a ${hidden.access} method that nothing ${hidden.access === 'private' ? 'in its class' : 'in this file or the files that import it'} calls, so ${NEVER_BUILT}`;
      if (script) return `${callable} is not called or passed on in this script, so ${NEVER_BUILT} (if the page calls it, say so with an \`/* exported ${callable} */\` comment)`;
      return `${callable} is not called, exported or passed on in this file, so ${NEVER_BUILT}`;
    }
    const inRegistry = name !== undefined && !exported && !script ? (namedOnlyInUnreadRegistry(sourceFile, name, mentions, run) ?? storedOnlyUnderUnreadKeys(sourceFile, node, name, mentions, run)) : undefined;
    if (inRegistry) return inRegistry;
    if (className !== undefined && !exported && !script) {
      const why = whyNeverConstructed(sourceFile, className, mentions, run);
      if (why) return why;
    }
    const member =
      (i >= 4 ? unusedRegistryMember(sourceFile, ancestors.slice(i - 4, i + 1), mentions, run) : undefined) ??
      (i >= 2 ? unusedMapEntry(sourceFile, ancestors.slice(i - 2, i + 1), mentions, run) : undefined) ??
      (i >= 5 ? unusedListItemMember(sourceFile, ancestors.slice(i - 5, i + 1), run) : undefined);
    if (member) return `${member} is never read in this file, so ${NEVER_BUILT}`;
    const storedInPlace = !script && i > 0 ? inlineStoredUnderUnreadKey(sourceFile, node, ancestors[i - 1], mentions, run) : undefined;
    if (storedInPlace) return storedInPlace;
    const vueMethod = uncalledVueMethod(sourceFile, ancestors, i, (word) => mentions().live(word));
    if (vueMethod) return `${vueMethod} is a method of the Vue instance that neither its template nor its code names, so ${NEVER_BUILT}`;
  }
  return undefined;
}

/**
 * Whether the declaration at `path[index]` carries `export`: on itself, or for `export const build =
 * () => ...` on the variable statement two levels up (the declaration list between).
 */
function exportedByModifier(path: readonly ts.Node[], index: number): boolean {
  const statement = index >= 2 ? path[index - 2] : undefined;
  return hasModifier(path[index], SyntaxKind.ExportKeyword) || (statement !== undefined && isVariableStatement(statement) && hasModifier(statement, SyntaxKind.ExportKeyword));
}

/**
 * A method only its class can call (`private`), or its subclasses too (`protected`): a class's
 * code calls it by name, as `this.name(...)`, so a name written nowhere else means no call. A
 * protected method of a class that extends another may be a hook its base calls (Lit's
 * `protected firstUpdated()`, a tfjs layer's `build`); a private one cannot be (TypeScript does
 * not let a subclass make a base's member private).
 */
function hiddenMethod(node: ts.Node, owner: ts.Node | undefined): { name: string; access: 'private' | 'protected' } | undefined {
  if (!isMethodDeclaration(node) || !isIdentifier(node.name) || !owner || !ts.isClassLike(owner)) return undefined;
  if (hasModifier(node, SyntaxKind.PrivateKeyword)) return { name: node.name.text, access: 'private' };
  return !extendsClause(owner) && hasModifier(node, SyntaxKind.ProtectedKeyword) ? { name: node.name.text, access: 'protected' } : undefined;
}

/** `function build() {}` or `const build = () => {}` / `= function () {}`: the name it declares. */
function functionName(node: ts.Node): string | undefined {
  if (isFunctionDeclaration(node)) return node.name?.text;
  if (isVariableDeclaration(node) && isIdentifier(node.name) && node.initializer && (isArrowFunction(node.initializer) || isFunctionExpression(node.initializer))) return node.name.text;
  return undefined;
}

/**
 * The error class a catch block handles, when it rethrows every other error first
 * (`if (!(err instanceof NaNLossError)) throw err;`), the class is the file's, and every
 * `new NaNLossError(...)` sits under a check of a loss that is not finite (`isNaN`, `isFinite`).
 */
function divergenceRescued(sourceFile: ts.SourceFile, clause: ts.CatchClause): string | undefined {
  const binding = clause.variableDeclaration?.name;
  const first = clause.block.statements[0];
  if (!binding || !isIdentifier(binding) || !first || !isIfStatement(first) || first.elseStatement) return undefined;
  const rethrown = ts.isBlock(first.thenStatement) && first.thenStatement.statements.length === 1 ? first.thenStatement.statements[0] : first.thenStatement;
  if (!ts.isThrowStatement(rethrown) || !isIdentifier(rethrown.expression) || rethrown.expression.text !== binding.text) return undefined;
  let test = first.expression;
  if (!ts.isPrefixUnaryExpression(test) || test.operator !== SyntaxKind.ExclamationToken) return undefined;
  test = test.operand;
  while (ts.isParenthesizedExpression(test)) test = test.expression;
  if (!ts.isBinaryExpression(test) || test.operatorToken.kind !== SyntaxKind.InstanceOfKeyword || !isIdentifier(test.left) || test.left.text !== binding.text || !isIdentifier(test.right)) return undefined;
  const errorClass = test.right.text;
  if (!sourceFile.statements.some((statement) => ts.isClassDeclaration(statement) && statement.name?.text === errorClass)) return undefined;
  return thrownOnlyWhenLossNotFinite(sourceFile, errorClass) ? errorClass : undefined;
}

/** Whether the file makes `errorClass` somewhere, and only inside `if`s whose condition checks for a loss that is not finite. */
function thrownOnlyWhenLossNotFinite(sourceFile: ts.SourceFile, errorClass: string): boolean {
  let made = 0;
  let unguarded = false;
  const visit = (node: ts.Node, guarded: boolean): void => {
    if (unguarded) return;
    if (ts.isNewExpression(node) && isIdentifier(node.expression) && node.expression.text === errorClass) {
      made++;
      if (!guarded) unguarded = true;
    }
    if (isIfStatement(node)) {
      const checksLoss = guarded || /\b(isNaN|isFinite)\b/.test(node.expression.getText(sourceFile));
      visit(node.expression, guarded);
      visit(node.thenStatement, checksLoss);
      if (node.elseStatement) visit(node.elseStatement, guarded);
      return;
    }
    ts.forEachChild(node, (child) => visit(child, guarded));
  };
  visit(sourceFile, false);
  return made > 0 && !unguarded;
}

/** `class LegacyBuilder {}`: its name, unless a decorator hands it to a framework that may construct it. */
function undecoratedClassName(node: ts.Node): string | undefined {
  return ts.isClassDeclaration(node) && node.name && !ts.getDecorators(node)?.length ? node.name.text : undefined;
}

/**
 * Why a class is never constructed: the file never names it again, names it only where a branch
 * never runs, or only as a member of a registry object never read under that member's key
 * (`const BUILDERS = Object.freeze({ selu: SeluBuilder, legacy: LegacyWideBuilder })` read as
 * `BUILDERS['selu']`).
 */
function whyNeverConstructed(sourceFile: ts.SourceFile, name: string, mentionsOf: () => Mentions, run: RunRecord): string | undefined {
  const mentions = mentionsOf();
  const live = mentions.live(name);
  if (live === 1) {
    const deadBranch = mentions.deadBranchOf(name);
    return deadBranch ? `${name} is constructed only where ${deadBranch}, so ${NEVER_BUILT}` : `${name} is not constructed, extended, exported or passed on in this file, so ${NEVER_BUILT}`;
  }
  return namedOnlyInUnreadRegistry(sourceFile, name, mentionsOf, run);
}

/**
 * Why `name` (a class or a function) is never run: the file names it only as a member of a module
 * registry object (`const BUILDERS = Object.freeze({ legacy: buildLegacy, main: buildMain })`)
 * that is never read under that member's key.
 */
function namedOnlyInUnreadRegistry(sourceFile: ts.SourceFile, name: string, mentionsOf: () => Mentions, run: RunRecord): string | undefined {
  if (mentionsOf().live(name) !== 2) return undefined;
  for (const statement of sourceFile.statements) {
    if (!isVariableStatement(statement) || hasModifier(statement, SyntaxKind.ExportKeyword)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const object = isIdentifier(declaration.name) ? registryLiteral(declaration.initializer) : undefined;
      const key = object?.properties.find((member) => namesValue(member, name))?.name;
      if (!object || !key || !(isIdentifier(key) || isStringLiteralLike(key))) continue;
      const registry = (declaration.name as ts.Identifier).text;
      if (neverReadKey(mentionsOf, registry, key.text, run.keysRead.get(object.getStart(sourceFile)))) return `${name} is named only in ${registry}['${key.text}'], which is never read in this file, so ${NEVER_BUILT}`;
    }
  }
  return undefined;
}

/**
 * Why `name` is never run: the file names it once more, to hand it to a registration that stores
 * it in a Map (`registry.register('legacy', buildLegacy)`, whose `builders.set(kind, build)` the
 * run saw), under keys written nowhere else that no `get` or `has` of that map read, though the
 * map was read under others (`registry.get(cfg.kind)`, the kind 'mlp').
 */
function storedOnlyUnderUnreadKeys(sourceFile: ts.SourceFile, declaration: ts.Node, name: string, mentionsOf: () => Mentions, run: RunRecord): string | undefined {
  if (mentionsOf().live(name) !== 2) return undefined;
  const fn = isVariableDeclaration(declaration) ? declaration.initializer : declaration;
  const key = fn && unreadStoredKey(fn, sourceFile, mentionsOf, run);
  return key === undefined ? undefined : `${name} is stored only under '${key}' in a Map that is never read under that key in this file, so ${NEVER_BUILT}`;
}

/**
 * A function written in place as an argument (`register('conv-ae', (cfg) => ...)`) that the run
 * stored in a Map under keys no `get` or `has` of that map read, as storedOnlyUnderUnreadKeys.
 */
function inlineStoredUnderUnreadKey(sourceFile: ts.SourceFile, fn: ts.Node, call: ts.Node | undefined, mentionsOf: () => Mentions, run: RunRecord): string | undefined {
  if (!(isArrowFunction(fn) || isFunctionExpression(fn)) || !call || !ts.isCallExpression(call) || !call.arguments.includes(fn)) return undefined;
  const key = unreadStoredKey(fn, sourceFile, mentionsOf, run);
  return key === undefined ? undefined : `the function stored under '${key}' is in a Map that is never read under that key in this file, so ${NEVER_BUILT}`;
}

/**
 * The key a function is stored under in a Map, when every store of it is under a key the file
 * writes once, that the run (importers' calls included) read under other keys only. A module's
 * own Map must be named only to call its methods: exported or handed on, other code may read it.
 */
function unreadStoredKey(fn: ts.Node, sourceFile: ts.SourceFile, mentionsOf: () => Mentions, run: RunRecord): string | undefined {
  const stored = run.storedFunctions.get(fn);
  if (!stored?.length) return undefined;
  for (const { map, key } of stored) {
    const reads = run.keysRead.get(map);
    if (key === undefined || reads === undefined) return undefined;
    const registry = moduleMaps(sourceFile, true).find((candidate) => candidate.made.getStart(sourceFile) === map);
    // A Map of the module is also named only to call its methods; another (a class's member) is read where the run saw.
    const unread = registry ? !registry.exported && neverReadKey(mentionsOf, registry.name, key, reads) : reads !== 'any' && !reads.has(key) && mentionsOf().live(key) === 1;
    if (!unread) return undefined;
  }
  return stored[0].key;
}

/** `{ ... }` or `Object.freeze({ ... })`: the object literal a registry is written as. */
function registryLiteral(initializer: ts.Expression | undefined): ts.ObjectLiteralExpression | undefined {
  const callee = initializer && ts.isCallExpression(initializer) ? initializer.expression : undefined;
  if (callee && isPropertyAccessExpression(callee) && isIdentifier(callee.expression) && callee.expression.text === 'Object' && callee.name.text === 'freeze') initializer = (initializer as ts.CallExpression).arguments[0];
  return initializer && isObjectLiteralExpression(initializer) ? initializer : undefined;
}

/** `legacy: LegacyWideBuilder` or the shorthand `LegacyWideBuilder`. */
function namesValue(member: ts.ObjectLiteralElementLike, name: string): boolean {
  if (ts.isShorthandPropertyAssignment(member)) return member.name.text === name;
  return isPropertyAssignment(member) && isIdentifier(member.initializer) && member.initializer.text === name;
}

/**
 * `ZOO['sigmoid-tower']` when `path` is [statement, declaration list, `ZOO` declaration, object
 * literal, member holding a function], the statement not exported, `ZOO` named only to read its
 * members, and the key written nowhere else nor read through a computed key.
 */
function unusedRegistryMember(sourceFile: ts.SourceFile, path: ts.Node[], mentionsOf: () => Mentions, run: RunRecord): string | undefined {
  const [statement, , declaration, object, member] = path;
  if (!isVariableStatement(statement) || hasModifier(statement, SyntaxKind.ExportKeyword)) return undefined;
  if (!isVariableDeclaration(declaration) || !isIdentifier(declaration.name) || !isObjectLiteralExpression(object)) return undefined;
  const key = functionMemberKey(member);
  if (key === undefined) return undefined;
  const registry = declaration.name.text;
  return neverReadKey(mentionsOf, registry, key, run.keysRead.get(object.getStart(sourceFile))) ? `${registry}['${key}']` : undefined;
}

/** The key of an object literal's member that holds a function written there (`build: () => ...`, `build() {}`). */
function functionMemberKey(member: ts.Node): string | undefined {
  const holdsFunction = isMethodDeclaration(member) || (isPropertyAssignment(member) && (isArrowFunction(member.initializer) || isFunctionExpression(member.initializer)));
  return holdsFunction && member.name && (isIdentifier(member.name) || isStringLiteralLike(member.name)) ? member.name.text : undefined;
}

/**
 * `PLUGINS[1].build` when `path` is [statement, declaration list, `PLUGINS` declaration, array
 * literal, object literal, member holding a function], the statement not exported, the run reached
 * the object as a loop item and never read the member, and `PLUGINS` is named only as what
 * `for...of` loops walk whose variable is named only to read its members: the object reaches no
 * code the run did not see.
 */
function unusedListItemMember(sourceFile: ts.SourceFile, path: ts.Node[], run: RunRecord): string | undefined {
  const [statement, , declaration, list, object, member] = path;
  if (!isVariableStatement(statement) || hasModifier(statement, SyntaxKind.ExportKeyword)) return undefined;
  if (!isVariableDeclaration(declaration) || !isIdentifier(declaration.name) || !ts.isArrayLiteralExpression(list) || !isObjectLiteralExpression(object)) return undefined;
  const key = functionMemberKey(member);
  const objectStart = object.getStart(sourceFile);
  if (key === undefined || !run.loopItems.has(objectStart)) return undefined;
  const reads = run.keysRead.get(objectStart);
  if (reads === 'any' || reads?.has(key)) return undefined;
  const name = declaration.name.text;
  return onlyWalkedForMembers(sourceFile, name, declaration.name) ? `${name}[${list.elements.indexOf(object as ts.Expression)}].${key}` : undefined;
}

/**
 * Whether every mention of `name` but its declaration is the list a `for (const item of name)`
 * walks, whose `item` is named in the loop only as the object of member reads (`item.build`).
 */
function onlyWalkedForMembers(sourceFile: ts.SourceFile, name: string, declared: ts.Identifier): boolean {
  let only = true;
  const visit = (node: ts.Node): void => {
    if (!only || node === declared) return;
    if (ts.isForOfStatement(node) && isIdentifier(node.expression) && node.expression.text === name) {
      const item = loopVariable(node);
      if (!item || !namedOnlyForMembers(node.statement, item)) only = false;
      else visit(node.statement);
    } else if (isIdentifier(node) && node.text === name) only = false;
    else if (isPropertyAccessExpression(node)) visit(node.expression);
    else ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return only;
}

/** The name `for (const item of list)` declares, when it declares one name. */
function loopVariable(loop: ts.ForOfStatement): string | undefined {
  const declared = ts.isVariableDeclarationList(loop.initializer) ? loop.initializer.declarations[0]?.name : undefined;
  return declared && isIdentifier(declared) ? declared.text : undefined;
}

/** Whether `item` is named in `code` only as the object of member reads (`item.build`). */
function namedOnlyForMembers(code: ts.Node, item: string): boolean {
  let only = true;
  const visit = (node: ts.Node): void => {
    if (!only) return;
    if (isPropertyAccessExpression(node) && isIdentifier(node.expression) && node.expression.text === item) return;
    if (isIdentifier(node) && node.text === item) only = false;
    else if (isPropertyAccessExpression(node)) visit(node.expression);
    else ts.forEachChild(node, visit);
  };
  visit(code);
  return only;
}

/**
 * Whether the run read no member of `registry` under `key` (`reads`: the keys it read), the key is
 * written nowhere else, and the registry is named only to read its members.
 */
function neverReadKey(mentionsOf: () => Mentions, registry: string, key: string, reads: Set<string> | 'any' | undefined): boolean {
  if (reads === 'any' || reads?.has(key)) return false;
  const mentions = mentionsOf();
  // Named anywhere but as `ZOO.x` or `ZOO[x]` (exported, spread, passed on), any member may be read elsewhere.
  return mentions.live(key) === 1 && mentions.live(registry) - 1 === mentions.memberReads(registry);
}

/**
 * `REGISTRY.get('vanilla-rnn')` when `path` is [statement, `REGISTRY.set('vanilla-rnn', fn)`, fn],
 * `REGISTRY` a module constant made by `new Map()`, not exported, named only to call its methods,
 * the key written nowhere else, and no `get`/`has` of the run read it (mapCollection.ts).
 */
function unusedMapEntry(sourceFile: ts.SourceFile, path: ts.Node[], mentionsOf: () => Mentions, run: RunRecord): string | undefined {
  const [statement, call, fn] = path;
  if (!ts.isExpressionStatement(statement) || !ts.isCallExpression(call) || call.arguments[1] !== fn || !(isArrowFunction(fn) || isFunctionExpression(fn))) return undefined;
  const callee = call.expression;
  const keyNode = call.arguments[0];
  if (!isPropertyAccessExpression(callee) || callee.name.text !== 'set' || !isIdentifier(callee.expression) || !isStringLiteralLike(keyNode)) return undefined;
  const registry = callee.expression.text;
  const made = moduleMapNamed(sourceFile, registry);
  if (!made) return undefined;
  const reads = run.keysRead.get(made.getStart(sourceFile));
  if (reads === undefined) return undefined;
  return neverReadKey(mentionsOf, registry, keyNode.text, reads) ? `${registry}.get('${keyNode.text}')` : undefined;
}

/** The `new Map(...)` a module's own, not exported, `const name = new Map(...)` makes. */
function moduleMapNamed(sourceFile: ts.SourceFile, name: string): ts.NewExpression | undefined {
  return moduleMaps(sourceFile, false).find((map) => map.name === name)?.made;
}

/** The module's own `const name = new Map(...)` (`withExported`: `export const` too): each name and the `new Map(...)` it holds. */
function moduleMaps(sourceFile: ts.SourceFile, withExported: boolean): { name: string; made: ts.NewExpression; exported: boolean }[] {
  const maps: { name: string; made: ts.NewExpression; exported: boolean }[] = [];
  for (const statement of sourceFile.statements) {
    if (!isVariableStatement(statement)) continue;
    const exported = hasModifier(statement, SyntaxKind.ExportKeyword);
    if (exported && !withExported) continue;
    for (const declaration of statement.declarationList.declarations) {
      const made = declaration.initializer;
      if (isIdentifier(declaration.name) && made && ts.isNewExpression(made) && isIdentifier(made.expression) && made.expression.text === 'Map') maps.push({ name: declaration.name.text, made, exported });
    }
  }
  return maps;
}

interface Mentions {
  /** How often code that may run names this (identifiers, strings; comments do not count). */
  live(name: string): number;
  /** How often it is the object of a member read (`ZOO.x`, `ZOO[x]`). */
  memberReads(name: string): number;
  /** The condition, in words, of the first branch that never runs and names it. */
  deadBranchOf(name: string): string | undefined;
}

/** The names the code mentions, in one walk of the file, apart in branches that never run. */
function countMentions(sourceFile: ts.SourceFile, run: RunRecord, exported: readonly string[]): Mentions {
  const live = new Map<string, number>();
  const memberReads = new Map<string, number>();
  const deadBranches = new Map<string, string>();
  const count = (counts: Map<string, number>, name: string) => counts.set(name, (counts.get(name) ?? 0) + 1);
  const dead = neverRunBranches(sourceFile, run);
  let deadCondition: string | undefined;
  const visit = (node: ts.Node): void => {
    // `void buildBaseline;` silences an unused-function lint, `typeof buildBaseline` logs that it
    // exists: each reads the name and runs nothing.
    if ((ts.isVoidExpression(node) || ts.isTypeOfExpression(node)) && isIdentifier(node.expression)) return;
    const condition = dead.get(node);
    const outer = deadCondition;
    if (condition !== undefined && outer === undefined) deadCondition = condition;
    if (isIdentifier(node) || isStringLiteralLike(node)) {
      if (deadCondition === undefined) count(live, node.text);
      else if (!deadBranches.has(node.text)) deadBranches.set(node.text, deadCondition);
    }
    if (deadCondition === undefined && (isPropertyAccessExpression(node) || isElementAccessExpression(node)) && isIdentifier(node.expression)) count(memberReads, node.expression.text);
    ts.forEachChild(node, visit);
    deadCondition = outer;
  };
  visit(sourceFile);
  for (const name of exported) count(live, name);
  return { live: (name) => live.get(name) ?? 0, memberReads: (name) => memberReads.get(name) ?? 0, deadBranchOf: (name) => deadBranches.get(name) };
}

/**
 * The parts of branches (`if`, `?:`, `&&`, `||`, a `switch`'s clauses) that the run met and never
 * ran, each with its condition in words. Only conditions on the module's constants (`RUN_SWEEP`,
 * `CONFIG.mode === 'sweep'`) and on the parameters of the function around the branch count, the
 * latter when that function is the module's own (not exported: every call of it is in this file,
 * and the run made them, an unknown argument running both ways): one that reads a loop counter or
 * a variable may hold in an iteration the run did not make.
 */
function neverRunBranches(sourceFile: ts.SourceFile, run: RunRecord): Map<ts.Node, string> {
  const dead = new Map<ts.Node, string>();
  const constants = moduleConstants(sourceFile);
  const exported = lazily(() => exportedNames(sourceFile));
  /** The names a condition at `node` may read, and the function whose calls decide it (undefined: the module's constants decide). */
  const decidedBy = (node: ts.Node, condition: ts.Node): { caller?: string } | undefined => {
    if (readsOnly(condition, constants)) return {};
    const path = ancestorsOf(sourceFile, { start: node.getStart(sourceFile), end: node.end }) ?? [];
    // The function around the branch, and every function around that one, must be the module's
    // own: a helper nested in an exported function is called with whatever importers pass.
    const around = path.flatMap((ancestor, index) => (ts.isFunctionLike(ancestor) ? [ownFunction(path, index, exported())] : []));
    const owned = around[around.length - 1];
    if (!owned || around.some((fn) => fn === undefined) || !readsOnly(condition, new Set([...constants, ...owned.parameters]))) return undefined;
    return { caller: owned.name };
  };
  // The part runs where `condition` is `needed`; as written it is `actual` (constants), or no call makes it so (parameters).
  const because = (condition: string, needed: string, actual: string, caller: string | undefined) =>
    caller === undefined ? `\`${condition}\` is ${actual} as written` : `\`${condition}\` is ${needed}, which no call of ${caller} in this file makes it`;
  run.branchOutcomes.forEach((went, node) => {
    const parts = partsOf(node);
    const decided = parts && decidedBy(node, parts.condition);
    if (!parts || !decided) return;
    const condition = parts.condition.getText(sourceFile);
    const [guarded, other] = parts.guardedWhen ? ['true', 'false'] : ['false', 'true'];
    if (went === RAN_OTHER) dead.set(parts.guarded, because(condition, guarded, other, decided.caller));
    else if (went === RAN_GUARDED && parts.other) dead.set(parts.other, because(condition, other, guarded, decided.caller));
  });
  // A variant run forced the way (`--preview` given, or not): the other part never runs in this variant.
  run.forcedBranches.forEach((guardedRan, node) => {
    const parts = partsOf(node);
    if (!parts) return;
    const condition = parts.condition.getText(sourceFile);
    const [guarded, other] = parts.guardedWhen ? ['true', 'false'] : ['false', 'true'];
    const part = guardedRan ? parts.other : parts.guarded;
    const why = `\`${condition}\` is ${guardedRan ? other : guarded}, ${NOT_IN_THIS_VARIANT}`;
    if (part && !dead.has(part)) dead.set(part, why);
    // `if (short.length) { ...; return; }` forced to return: what follows it in its block never runs either.
    if (guardedRan && isIfStatement(node) && !node.elseStatement && leaves(node.thenStatement)) {
      for (const later of statementsAfter(sourceFile, node)) if (!dead.has(later)) dead.set(later, why);
    }
  });
  run.clausesRun.forEach((ran, statement) => {
    const decided = decidedBy(statement, statement.expression);
    if (!decided) return;
    const value = statement.expression.getText(sourceFile);
    for (const clause of statement.caseBlock.clauses) {
      if (ran.has(clause)) continue;
      const label = ts.isCaseClause(clause) ? clause.expression.getText(sourceFile) : undefined;
      dead.set(clause, because(value, label ?? 'none of its cases', label ? `not ${label}` : 'one of its cases', decided.caller));
    }
  });
  return dead;
}

/** Whether a statement always returns or throws (`return;`, or a block that ends with one). */
function leaves(statement: ts.Statement): boolean {
  if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement)) return true;
  const last = ts.isBlock(statement) ? statement.statements[statement.statements.length - 1] : undefined;
  return last !== undefined && (ts.isReturnStatement(last) || ts.isThrowStatement(last));
}

/** The statements after `statement` in the block (or file) it stands in. */
function statementsAfter(sourceFile: ts.SourceFile, statement: ts.Statement): readonly ts.Statement[] {
  const path = ancestorsOf(sourceFile, { start: statement.getStart(sourceFile), end: statement.end }) ?? [];
  const index = path.indexOf(statement);
  const container = index > 0 ? path[index - 1] : undefined;
  if (!container || !(ts.isBlock(container) || ts.isSourceFile(container))) return [];
  return container.statements.slice(container.statements.indexOf(statement) + 1);
}

/**
 * The function at `path[index]` when it is declared by name (`function f(kind)`, `const f = (kind)
 * => ...`) and the module does not export it: its name and parameter names.
 */
function ownFunction(path: readonly ts.Node[], index: number, exported: ReadonlySet<string>): { name: string; parameters: string[] } | undefined {
  const fn = path[index];
  if (!fn || !ts.isFunctionLike(fn)) return undefined;
  const declarationIndex = isFunctionDeclaration(fn) ? index : index - 1;
  const name = declarationIndex >= 0 ? functionName(path[declarationIndex]) : undefined;
  if (name === undefined || exported.has(name) || exportedByModifier(path, declarationIndex)) return undefined;
  return { name, parameters: fn.parameters.flatMap((parameter) => (isIdentifier(parameter.name) ? [parameter.name.text] : [])) };
}

/** Every name an export names (`export { a }`, `export default a`, `module.exports = { a }`, `exports.x = a`). */
function exportedNames(sourceFile: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const collect = (node: ts.Node): void => {
    if (isIdentifier(node)) names.add(node.text);
    ts.forEachChild(node, collect);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isExportDeclaration(node) || ts.isExportAssignment(node)) collect(node);
    else if (ts.isBinaryExpression(node) && node.operatorToken.kind === SyntaxKind.EqualsToken && /^(?:module\.)?exports\b/.test(node.left.getText(sourceFile))) collect(node.right);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return names;
}

/** A branch's condition, the part it guards (run when the condition is `guardedWhen`) and the other part, if any. */
function partsOf(node: BranchNode): { condition: ts.Expression; guarded: ts.Node; other?: ts.Node; guardedWhen: boolean } | undefined {
  if (isIfStatement(node)) return { condition: node.expression, guarded: node.thenStatement, other: node.elseStatement, guardedWhen: true };
  if (ts.isConditionalExpression(node)) return { condition: node.condition, guarded: node.whenTrue, other: node.whenFalse, guardedWhen: true };
  const and = node.operatorToken.kind === SyntaxKind.AmpersandAmpersandToken;
  if (!and && node.operatorToken.kind !== SyntaxKind.BarBarToken) return undefined;
  return { condition: node.left, guarded: node.right, guardedWhen: and };
}

/** Names the module declares with `const` at its top level. */
function moduleConstants(sourceFile: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  // An import binding is read-only too (`import { USE_LEGACY_TOWER } from './defaults.js'`).
  for (const binding of moduleBindingsOf(sourceFile)) {
    if (binding.kind !== 'import' || binding.typeOnly) continue;
    for (const [local] of binding.names) names.add(local);
    if (binding.namespace) names.add(binding.namespace);
  }
  for (const statement of sourceFile.statements) {
    if (!isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const declaration of statement.declarationList.declarations) if (isIdentifier(declaration.name)) names.add(declaration.name.text);
  }
  return names;
}

/** Whether an expression reads nothing but these names and literals (no call, no loop counter, no parameter). */
function readsOnly(node: ts.Node, names: ReadonlySet<string>): boolean {
  if (isIdentifier(node)) return names.has(node.text);
  if (isPropertyAccessExpression(node)) return readsOnly(node.expression, names);
  switch (node.kind) {
    case SyntaxKind.ElementAccessExpression:
    case SyntaxKind.BinaryExpression:
    case SyntaxKind.PrefixUnaryExpression:
    case SyntaxKind.ParenthesizedExpression:
      return ts.forEachChild(node, (child) => (readsOnly(child, names) ? undefined : true)) !== true;
    default:
      return ts.isLiteralExpression(node) || isOperatorToken(node) || node.kind === SyntaxKind.TrueKeyword || node.kind === SyntaxKind.FalseKeyword || node.kind === SyntaxKind.NullKeyword;
  }
}

/** The operator of a binary expression, a child of its own. */
function isOperatorToken(node: ts.Node): boolean {
  return node.kind >= SyntaxKind.FirstBinaryOperator && node.kind <= SyntaxKind.LastBinaryOperator;
}

function lazily<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}
