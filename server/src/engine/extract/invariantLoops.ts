/**
 * A fast path for the most common loop in model code:
 *   for (let i = 0; i < DEPTH; i++) model.add(tf.layers.dense({ units: 64, ... }));
 * When the body only adds layers to models, reads no variable the loop changes and calls only
 * tfjs, every iteration adds the same layers: the body runs once and its additions are repeated
 * (each repetition a new layer object with the same config), instead of re-running the body.
 */
import ts from 'typescript';
import type { Extraction } from './context';
import { skipOuterExpressions } from './evaluate';
import type { Scope } from './scope';
import { hasTag, type ModelState, type SequentialEntry } from './values';

const { SyntaxKind, forEachChild, isBlock, isCallExpression, isExpressionStatement, isIdentifier, isPropertyAccessExpression, isVariableDeclarationList } = ts;

/** What a checked body needs at run time: the identifiers at the root of its calls must be tfjs. */
export interface InvariantAdds {
  callRoots: string[];
}

/** Names the loop header declares or changes. */
function loopHeaderNames(statement: ts.ForStatement): Set<string> {
  const names = new Set<string>();
  const collect = (node: ts.Node): void => {
    if (isIdentifier(node)) names.add(node.text);
    else forEachChild(node, collect);
  };
  const initializer = statement.initializer;
  if (initializer && isVariableDeclarationList(initializer)) initializer.declarations.forEach((d) => collect(d.name));
  else if (initializer) collect(initializer);
  if (statement.incrementor) collect(statement.incrementor);
  return names;
}

/**
 * Whether the loop's body is only `receiver.add(<loop-invariant tfjs expression>);` statements.
 * Checked each time the loop runs, not cached: the check reads the body's syntax once, less than
 * one iteration costs, and a cache keyed by syntax node (a WeakMap outliving the tree) cost more
 * than the check.
 */
export function invariantAddsOf(statement: ts.ForStatement): InvariantAdds | undefined {
  const body = statement.statement;
  const statements = isBlock(body) ? body.statements : [body];
  if (statements.length === 0) return undefined;
  const calls: ts.CallExpression[] = [];
  for (const statement of statements) {
    if (!isExpressionStatement(statement)) return undefined;
    const call = skipOuterExpressions(statement.expression);
    if (!isCallExpression(call) || !isPropertyAccessExpression(call.expression) || call.expression.name.text !== 'add' || call.arguments.length !== 1) return undefined;
    calls.push(call);
  }
  // Only a body of additions needs the names the header changes.
  const loopNames = loopHeaderNames(statement);
  const added = new InvarianceCheck(loopNames, []);
  const receivers = new InvarianceCheck(loopNames, []);
  for (const call of calls) {
    if (!added.isInvariant(call.arguments[0])) return undefined;
    if (!receivers.isInvariant((call.expression as ts.PropertyAccessExpression).expression)) return undefined;
  }
  return { callRoots: added.callRoots };
}

/** Whether expressions are the same in every iteration; collects the roots of the calls they make. */
class InvarianceCheck {
  /** forEachChild's callback, made once per check (it stops at the first child that returns true). */
  private readonly varies = (child: ts.Node): boolean => !this.isInvariant(child);

  constructor(
    private readonly loopNames: Set<string>,
    readonly callRoots: string[],
  ) {}

  isInvariant(node: ts.Node): boolean {
    switch (node.kind) {
      case SyntaxKind.Identifier:
        return !this.loopNames.has((node as ts.Identifier).text);
      case SyntaxKind.ArrowFunction:
      case SyntaxKind.FunctionExpression:
      case SyntaxKind.ClassExpression:
      case SyntaxKind.PostfixUnaryExpression:
      case SyntaxKind.NewExpression:
      case SyntaxKind.SpreadElement:
        return false;
      case SyntaxKind.PrefixUnaryExpression: {
        const operator = (node as ts.PrefixUnaryExpression).operator;
        if (operator === SyntaxKind.PlusPlusToken || operator === SyntaxKind.MinusMinusToken) return false;
        break;
      }
      case SyntaxKind.BinaryExpression: {
        const operator = (node as ts.BinaryExpression).operatorToken.kind;
        if (operator >= SyntaxKind.FirstAssignment && operator <= SyntaxKind.LastAssignment) return false;
        break;
      }
      case SyntaxKind.CallExpression: {
        let root: ts.Expression = (node as ts.CallExpression).expression;
        while (isPropertyAccessExpression(root)) root = root.expression;
        if (!isIdentifier(root)) return false;
        this.callRoots.push(root.text);
        break;
      }
      case SyntaxKind.PropertyAccessExpression:
        // `tf.layers.dense`: only the object is an expression; the member names are not variables.
        return this.isInvariant((node as ts.PropertyAccessExpression).expression);
      case SyntaxKind.PropertyAssignment:
        return this.isInvariant((node as ts.PropertyAssignment).initializer);
      default:
        break;
    }
    return !forEachChild(node, this.varies);
  }
}

/** The run-time half of the check: the calls really go to tfjs. */
export function callsOnlyTfjs(adds: InvariantAdds, scope: Scope): boolean {
  return adds.callRoots.every((name) => hasTag(scope.lookup(name), 'tf'));
}

/** Repeats what one iteration added: each repetition a new layer object with the same config. */
export function repeatAdditions(ctx: Extraction, additions: [ModelState, SequentialEntry][]): void {
  for (const [state, entry] of additions) {
    const repeated: SequentialEntry = { ...entry, layer: { tag: 'layer', proto: entry.layer.proto } };
    state.sequential.push(repeated);
    ctx.sequentialLog?.push([state, repeated]);
    ctx.effects++;
  }
}
