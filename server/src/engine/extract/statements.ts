/** Execution of statements: declarations, blocks, branches (both taken when undecidable), returns. */
import ts from 'typescript';
import type { BranchWrite, Extraction } from './context';
import { evaluate, evaluateNamed, propertyNameText } from './evaluate';
import { bindPattern } from './assign';
import { hasDeclareModifier } from './globalTf';
import { makeClass } from './classes';
import { applyClassDecorators } from './classDecorators';
import { makeFunction } from './functions';
import { changeCount, describeCase, forcedBranch, noteBranch, noteClauses, recordDecision, recordTruthDecision, switchKey } from './decisions';
import { executeLoop } from './loops';
import { foldBinary, truthiness } from './operators';
import { Scope } from './scope';
import { UNKNOWN, hasTag, newObject, type Value } from './values';
import { mainThreadTest } from './workerThreads';
import { runWhitelisted } from './whitelistGuards';

// TypeScript exports its API through getters: read what the hot paths use once.
const { SyntaxKind, isCaseClause, isClassDeclaration, isDefaultClause, isFunctionDeclaration, isModuleBlock } = ts;

export type Completion =
  | { kind: 'normal' }
  | { kind: 'return'; value: Value; thrown?: true }
  | { kind: 'break'; label?: string }
  | { kind: 'continue'; label?: string };

export const NORMAL: Completion = { kind: 'normal' };
/** A `throw`: the function ends with an unknown result; a branch that throws builds no variant. */
const THROWN: Completion = { kind: 'return', value: UNKNOWN, thrown: true };

/** Runs a function body; a return taken only under an undecidable condition is the fallback result. */
export function executeFunctionBody(ctx: Extraction, body: ts.Block, scope: Scope): Value {
  const slot: ReturnSlot = { value: undefined, set: false };
  ctx.returnSlots.push(slot);
  try {
    const completion = executeStatements(ctx, body.statements, scope);
    if (completion.kind === 'return') return completion.value;
    return slot.value;
  } finally {
    ctx.returnSlots.pop();
  }
}

export interface ReturnSlot {
  value: Value;
  set: boolean;
}

/** Hoists the block's functions and classes, then runs its statements in order. */
export function executeStatements(ctx: Extraction, statements: readonly ts.Statement[], scope: Scope): Completion {
  hoistDeclarations(ctx, statements, scope);
  for (const statement of statements) {
    const completion = executeStatement(ctx, statement, scope);
    if (completion.kind !== 'normal') return completion;
  }
  return NORMAL;
}

function hoistDeclarations(ctx: Extraction, statements: readonly ts.Statement[], scope: Scope): void {
  for (const statement of statements) {
    if (isFunctionDeclaration(statement) && statement.name && statement.body) {
      scope.declare(statement.name.text, makeFunction(ctx, statement, scope));
    } else if (isClassDeclaration(statement) && statement.name) {
      scope.declare(statement.name.text, makeClass(ctx, statement, scope));
    }
  }
}

export function executeStatement(ctx: Extraction, statement: ts.Statement, scope: Scope): Completion {
  ctx.step();
  switch (statement.kind) {
    case SyntaxKind.VariableStatement:
      // `declare const tf: ...` types a global that exists at run time: it binds nothing.
      if (!hasDeclareModifier(statement)) declareVariables(ctx, (statement as ts.VariableStatement).declarationList, scope);
      return NORMAL;
    case SyntaxKind.ExpressionStatement: {
      const previous = ctx.statement;
      ctx.statement = statement;
      try {
        evaluate(ctx, (statement as ts.ExpressionStatement).expression, scope);
      } finally {
        ctx.statement = previous;
      }
      return NORMAL;
    }
    case SyntaxKind.Block:
      return executeStatements(ctx, (statement as ts.Block).statements, new Scope(scope));
    case SyntaxKind.IfStatement:
      return executeIf(ctx, statement as ts.IfStatement, scope);
    case SyntaxKind.ReturnStatement: {
      const expression = (statement as ts.ReturnStatement).expression;
      return { kind: 'return', value: expression ? evaluate(ctx, expression, scope) : undefined };
    }
    case SyntaxKind.ThrowStatement:
      return THROWN;
    case SyntaxKind.BreakStatement:
      return { kind: 'break', label: (statement as ts.BreakStatement).label?.text };
    case SyntaxKind.ContinueStatement:
      return { kind: 'continue', label: (statement as ts.ContinueStatement).label?.text };
    case SyntaxKind.ForStatement:
    case SyntaxKind.ForOfStatement:
    case SyntaxKind.ForInStatement:
    case SyntaxKind.WhileStatement:
    case SyntaxKind.DoStatement:
      return executeLoop(ctx, statement as ts.IterationStatement, scope);
    case SyntaxKind.LabeledStatement:
      return executeStatement(ctx, (statement as ts.LabeledStatement).statement, scope);
    case SyntaxKind.SwitchStatement:
      return executeSwitch(ctx, statement as ts.SwitchStatement, scope);
    case SyntaxKind.TryStatement: {
      const tryStatement = statement as ts.TryStatement;
      const completion = executeStatements(ctx, tryStatement.tryBlock.statements, new Scope(scope));
      if (tryStatement.catchClause) executeCatch(ctx, tryStatement.catchClause, scope);
      if (tryStatement.finallyBlock) executeStatements(ctx, tryStatement.finallyBlock.statements, new Scope(scope));
      return completion;
    }
    case SyntaxKind.ModuleDeclaration: {
      // `namespace N { ... }`: its statements run in their own scope.
      const body = (statement as ts.ModuleDeclaration).body;
      return body && isModuleBlock(body) ? (executeStatements(ctx, body.statements, new Scope(scope)), NORMAL) : NORMAL;
    }
    case SyntaxKind.ClassDeclaration:
      applyClassDecorators(ctx, statement as ts.ClassDeclaration, scope);
      return NORMAL;
    case SyntaxKind.EnumDeclaration:
      declareEnum(ctx, statement as ts.EnumDeclaration, scope);
      return NORMAL;
    case SyntaxKind.ExportAssignment:
      ctx.module.exports.set('default', evaluate(ctx, (statement as ts.ExportAssignment).expression, scope));
      return NORMAL;
    default:
      return NORMAL;
  }
}

export function declareVariables(ctx: Extraction, list: ts.VariableDeclarationList, scope: Scope): void {
  for (const declaration of list.declarations) {
    const initializer = declaration.initializer;
    const value = initializer ? (guardedDestructuring(ctx, declaration.name, initializer, scope) ?? evaluateNamed(ctx, initializer, scope, declaration.name)) : undefined;
    bindPattern(ctx, declaration.name, value, scope);
  }
}

/**
 * `const { type, rows } = event.data || {}`: the `{}` guards against a missing object, it sets no
 * defaults. From an object nothing is known of, each name is unknown (or takes the default it is
 * written with), not undefined as in `{}`: a `type !== 'fit'` guard may pass. Undefined when the
 * declaration is not of that form or the object is known.
 */
function guardedDestructuring(ctx: Extraction, name: ts.BindingName, initializer: ts.Expression, scope: Scope): Value | undefined {
  let expression = initializer;
  while (ts.isParenthesizedExpression(expression)) expression = expression.expression;
  if (!ts.isObjectBindingPattern(name) || !ts.isBinaryExpression(expression)) return undefined;
  const operator = expression.operatorToken.kind;
  if (operator !== SyntaxKind.BarBarToken && operator !== SyntaxKind.QuestionQuestionToken) return undefined;
  const right = expression.right;
  if (!ts.isObjectLiteralExpression(right) || right.properties.length > 0) return undefined;
  const left = evaluate(ctx, expression.left, scope);
  if (hasTag(left, 'unknown')) return UNKNOWN;
  const present = operator === SyntaxKind.QuestionQuestionToken ? left !== null && left !== undefined : truthiness(left);
  if (present === undefined) return undefined;
  return present ? left : newObject();
}

/**
 * An `if` whose condition is constant runs one branch, and so does one whose decision this run
 * forces (decisions.ts). Otherwise both run, in order, and the layers they add say so in their
 * notes; a decision whose branches change something is recorded, and extraction runs again once
 * per branch.
 */
function executeIf(ctx: Extraction, statement: ts.IfStatement, scope: Scope): Completion {
  const mainThreadFirst = mainThreadTest(ctx, statement.expression, scope);
  if (mainThreadFirst !== undefined) return executeBothThreads(ctx, statement, mainThreadFirst, scope);
  let condition = truthiness(evaluate(ctx, statement.expression, scope));
  noteBranch(ctx, statement, condition);
  if (condition === undefined) condition = forcedBranch(ctx, statement, statement.expression);
  if (condition === true) return runWhitelisted(ctx, statement.expression, statement.thenStatement, scope, () => executeStatement(ctx, statement.thenStatement, scope));
  if (condition === false) return statement.elseStatement ? executeStatement(ctx, statement.elseStatement, scope) : NORMAL;
  const text = ctx.textOf(statement.expression);
  const before = changeCount(ctx);
  const outerWrites = ctx.branchWrites;
  // In one pass for many iterations the branches run in turn, neither decided: what they assign is joined after.
  const writes = ctx.iterating > 0 ? (ctx.branchWrites = []) : undefined;
  let whenTrue: UndecidedEnd;
  let whenFalse: UndecidedEnd = 'normal';
  try {
    whenTrue = executeUndecided(ctx, conditionNote(text), () => runWhitelisted(ctx, statement.expression, statement.thenStatement, scope, () => executeStatement(ctx, statement.thenStatement, scope)));
    const elseStatement = statement.elseStatement;
    if (elseStatement) whenFalse = executeUndecided(ctx, conditionNote(`!(${text})`), () => executeStatement(ctx, elseStatement, scope));
  } finally {
    ctx.branchWrites = outerWrites;
  }
  if (writes) joinBranchWrites(writes, outerWrites);
  if (whenTrue === 'left' || whenFalse === 'left' || changeCount(ctx) !== before) {
    recordTruthDecision(ctx, statement.expression, [whenTrue !== 'thrown', whenFalse !== 'thrown']);
  }
  return NORMAL;
}

/**
 * After the branches of a condition that is no decision: a variable either branch may have
 * changed holds one of its values, unknown when they differ (`waited = 0` when the logs improve,
 * `waited += 1` otherwise: a patience counter). Only numbers, strings and booleans: an object a
 * branch makes is still the one code reads on. The writes count for an enclosing condition's join too.
 */
function joinBranchWrites(writes: BranchWrite[], outer: BranchWrite[] | undefined): void {
  for (const write of writes) {
    outer?.push(write);
    const now = write.scope.lookup(write.name);
    if (now !== write.before && isPrimitive(now) && (isPrimitive(write.before) || write.before === undefined)) write.scope.assign(write.name, UNKNOWN);
  }
}

function isPrimitive(value: Value): boolean {
  return typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean';
}

/** `if (isMainThread) { ... } else { ... }` of a module that starts itself: the main thread's branch, then the worker's. */
function executeBothThreads(ctx: Extraction, statement: ts.IfStatement, thenIsMain: boolean, scope: Scope): Completion {
  const branches = thenIsMain ? [statement.thenStatement, statement.elseStatement] : [statement.elseStatement, statement.thenStatement];
  for (const branch of branches) if (branch) executeStatement(ctx, branch, scope);
  return NORMAL;
}

/**
 * A catch block runs if anything in the try block throws, which is not known statically: it is
 * code that may run (`try { return await tf.loadLayersModel(url) } catch { return buildModel() }`
 * builds the model the app trains when nothing is saved yet). Its error is unknown.
 */
function executeCatch(ctx: Extraction, clause: ts.CatchClause, scope: Scope): void {
  executeUndecided(ctx, 'added in a catch block, which runs only if its try block throws', () => {
    const catchScope = new Scope(scope);
    if (clause.variableDeclaration) bindPattern(ctx, clause.variableDeclaration.name, UNKNOWN, catchScope);
    return executeStatements(ctx, clause.block.statements, catchScope);
  });
}

/** How code that may or may not run ended: normally, leaving (return, break, continue), or throwing. */
type UndecidedEnd = 'normal' | 'left' | 'thrown';

/**
 * Runs code that may or may not run, with `note` attached to the layers it adds; a return there
 * does not end the function (it becomes the fallback result).
 */
export function executeUndecided(ctx: Extraction, note: string, run: () => Completion): UndecidedEnd {
  ctx.conditions.push(note);
  try {
    const completion = run();
    if (completion.kind !== 'return') return completion.kind === 'normal' ? 'normal' : 'left';
    if (completion.thrown) return 'thrown';
    const slot = ctx.returnSlots[ctx.returnSlots.length - 1];
    if (slot && !slot.set) {
      slot.value = completion.value;
      slot.set = true;
    }
    return 'left';
  } finally {
    ctx.conditions.pop();
  }
}

function conditionNote(text: string): string {
  const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return `added only when \`${shown}\` holds, which is not a constant: both branches are analysed`;
}

function executeSwitch(ctx: Extraction, statement: ts.SwitchStatement, scope: Scope): Completion {
  const discriminant = evaluate(ctx, statement.expression, scope);
  const clauses = statement.caseBlock.clauses;
  const inner = new Scope(scope);
  let start = -1;
  let decidable = true;
  for (let i = 0; i < clauses.length && start < 0; i++) {
    const clause = clauses[i];
    if (!isCaseClause(clause)) continue;
    const equal = foldBinary(SyntaxKind.EqualsEqualsEqualsToken, discriminant, evaluate(ctx, clause.expression, scope));
    if (equal === true) start = i;
    else if (equal !== false) decidable = false;
  }
  if (!decidable) {
    // Noted before a variant run forces a clause: the forcing is no knowledge of the code.
    noteClauses(ctx, statement, undefined);
    // Branch i is clause i; one more branch when no clause matches and there is no default.
    const key = switchKey(ctx, statement.expression);
    const forced = ctx.forced?.get(key);
    if (forced === undefined) return executeEveryClause(ctx, statement, key, inner);
    start = forced;
  }
  if (start < 0) start = clauses.findIndex((clause) => isDefaultClause(clause));
  if (start < 0 || start >= clauses.length) {
    noteClauses(ctx, statement, []);
    return NORMAL;
  }
  for (let i = start; i < clauses.length; i++) {
    if (decidable) noteClauses(ctx, statement, [clauses[i]]);
    const completion = executeStatements(ctx, clauses[i].statements, inner);
    if (completion.kind === 'break' && !completion.label) return NORMAL;
    if (completion.kind !== 'normal') return completion;
  }
  return NORMAL;
}

/** A switch on a value not known statically, in the run that walks every branch: each clause once. */
function executeEveryClause(ctx: Extraction, statement: ts.SwitchStatement, key: string, inner: Scope): Completion {
  const clauses = statement.caseBlock.clauses;
  const text = ctx.textOf(statement.expression);
  const before = changeCount(ctx);
  let left = false;
  const feasible = clauses.map((clause) => {
    const label = isCaseClause(clause) ? `${text} === ${ctx.textOf(clause.expression)}` : `default of ${text}`;
    const end = executeUndecided(ctx, conditionNote(label), () => executeStatements(ctx, clause.statements, inner));
    // `break` ends a clause normally.
    left ||= end === 'left' && !clauseEndsWithBreak(clause);
    return end !== 'thrown';
  });
  if (!left && changeCount(ctx) === before) return NORMAL;
  const cases = clauses.filter(isCaseClause).map((clause) => clause.expression);
  // One more branch when no clause matches and there is no default.
  if (!clauses.some(isDefaultClause)) feasible.push(true);
  recordDecision(ctx, key, statement.expression.pos, feasible, () => {
    const branches = clauses.map((clause) => describeCase(ctx, statement.expression, isCaseClause(clause) ? clause.expression : undefined, cases));
    if (!clauses.some(isDefaultClause)) branches.push(describeCase(ctx, statement.expression, undefined, cases));
    return branches;
  });
  return NORMAL;
}

function clauseEndsWithBreak(clause: ts.CaseOrDefaultClause): boolean {
  const last = clause.statements[clause.statements.length - 1];
  return last !== undefined && last.kind === SyntaxKind.BreakStatement && !(last as ts.BreakStatement).label;
}

function declareEnum(ctx: Extraction, declaration: ts.EnumDeclaration, scope: Scope): void {
  const object = newObject(ctx.spanOf(declaration));
  const members = new Scope(scope);
  let next: Value = 0;
  for (const member of declaration.members) {
    const name = propertyNameText(ctx, member.name, scope);
    const value: Value = member.initializer ? evaluate(ctx, member.initializer, members) : next;
    next = typeof value === 'number' ? value + 1 : UNKNOWN;
    if (name === undefined) continue;
    members.declare(name, value);
    const span = ctx.spanOf(member);
    object.props.set(name, { value, span, valueSpan: member.initializer ? ctx.spanOf(member.initializer) : span });
  }
  scope.declare(declaration.name.text, object);
}
