/**
 * Global-norm clipping written by hand, recognised by what it does rather than by its name: tfjs
 * has no clipByGlobalNorm, so users write one (`scaleToMaxNorm`, `limitGradients`...) as a norm,
 * `sqrt(sum of squares)` or `tf.norm`, capped by `minimum(1, maxNorm / norm)` or compared with a
 * limit. Only the function's own statements count (a nested callback is read when it runs, as
 * `tf.tidy`'s is), and the cap must use the norm: a norm that is only logged is no clipping.
 */
import ts from 'typescript';
import type { Span } from '../ir';
import { ancestorsOf } from './ancestors';
import { calleeName } from './calleeNames';

const { SyntaxKind, forEachChild, isFunctionLike } = ts;

const NORM_CALLS: ReadonlySet<string> = new Set(['norm', 'euclideanNorm']);
/** `sqrt` is a norm when what it takes the root of squares something. */
const SQUARING_CALLS: ReadonlySet<string> = new Set(['square', 'pow']);
const CAP_CALLS: ReadonlySet<string> = new Set(['minimum', 'min', 'greater', 'greaterEqual', 'less', 'lessEqual']);
const RELATIONAL_OPERATORS: ReadonlySet<ts.SyntaxKind> = new Set([
  SyntaxKind.GreaterThanToken,
  SyntaxKind.GreaterThanEqualsToken,
  SyntaxKind.LessThanToken,
  SyntaxKind.LessThanEqualsToken,
]);

/** A function runs once per call site and loop pass: its text and syntax are read once. */
const answers = new WeakMap<ts.Node, boolean>();

/**
 * What a body's text must contain to compute a norm: a norm call's name (`norm`, `euclideanNorm`)
 * or `sqrt` as a whole word, or a backslash (an escape can spell either in an identifier or a
 * string key). Whole words: `batchNormalization` and `randomNormal` are no norm.
 */
const MAY_COMPUTE_A_NORM = /\b(?:norm|euclideanNorm|sqrt)\b|\\/;

/**
 * Whether the function caps a norm it computes (the shape of clipping by global norm). `text` is
 * its file's: every invoked function is asked, and most bodies never mention a norm, which their
 * text tells without walking their syntax (the walk was ~13% of analysing a 2,000-line file). The
 * answer is kept per function either way: a function run in a loop is asked on every pass, and
 * testing its text each time was 4% of analysing a program whose loops run a few thousand calls.
 */
export function capsANorm(fn: ts.SignatureDeclaration, text: string): boolean {
  const known = answers.get(fn);
  if (known !== undefined) return known;
  const body = (fn as ts.FunctionLikeDeclaration).body;
  const answer = body !== undefined && MAY_COMPUTE_A_NORM.test(text.slice(body.pos, body.end)) && computeCapsANorm(body);
  answers.set(fn, answer);
  return answer;
}

function computeCapsANorm(body: ts.Node): boolean {
  const normNames = new Set<string>();
  // Names of squares computed first (`const sq = names.map((n) => tf.sum(tf.square(g[n])))`), whose sum's root is a norm.
  const squareNames = new Set<string>();
  const caps: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunctionLike(node)) return;
    if (node.kind === SyntaxKind.VariableDeclaration) {
      const declaration = node as ts.VariableDeclaration;
      if (declaration.name.kind === SyntaxKind.Identifier && declaration.initializer) {
        if (containsNorm(declaration.initializer, squareNames)) normNames.add(declaration.name.text);
        else if (squares(declaration.initializer)) squareNames.add(declaration.name.text);
      }
    } else if (node.kind === SyntaxKind.CallExpression && CAP_CALLS.has(calleeName(node as ts.CallExpression) ?? '')) {
      caps.push(node);
    } else if (node.kind === SyntaxKind.BinaryExpression && RELATIONAL_OPERATORS.has((node as ts.BinaryExpression).operatorToken.kind)) {
      caps.push(node);
    }
    forEachChild(node, visit);
  };
  visit(body);
  return caps.some((cap) => containsNorm(cap, squareNames) || mentions(cap, normNames));
}

/** Whether the expression computes a norm anywhere inside it (callbacks included: `map(g => g.square())`). */
function containsNorm(node: ts.Node, squareNames: ReadonlySet<string>): boolean {
  const visit = (child: ts.Node): boolean => {
    if (child.kind === SyntaxKind.CallExpression) {
      const name = calleeName(child as ts.CallExpression);
      if (name !== undefined && NORM_CALLS.has(name)) return true;
      if (name === 'sqrt' && (squares(child) || mentions(child, squareNames))) return true;
    }
    return forEachChild(child, visit) ?? false;
  };
  return visit(node);
}

function squares(node: ts.Node): boolean {
  if (node.kind === SyntaxKind.CallExpression && SQUARING_CALLS.has(calleeName(node as ts.CallExpression) ?? '')) return true;
  if (node.kind === SyntaxKind.BinaryExpression && (node as ts.BinaryExpression).operatorToken.kind === SyntaxKind.AsteriskAsteriskToken) return true;
  return forEachChild(node, squares) ?? false;
}

function mentions(node: ts.Node, names: ReadonlySet<string>): boolean {
  if (names.size === 0) return false;
  const visit = (child: ts.Node): boolean => (child.kind === SyntaxKind.Identifier && names.has((child as ts.Identifier).text)) || (forEachChild(child, visit) ?? false);
  return visit(node);
}

/**
 * The name of the gradients a clipping helper's call at `span` reads and leaves as they were
 * (`const { clipped } = clipGlobal(grads, 5)` leaves `grads`), or undefined where the call's
 * result takes that name again (`grads = clipGlobal(grads, 5)`) or its input is no name.
 * `resultKept`: only when the result is kept under a name (a helper whose body is not read may
 * clip the map it is given in place, `clipByGlobalNorm(grads, 5);`).
 */
export function inputLeftUnclipped(sourceFile: ts.SourceFile, span: Span, resultKept = false): string | undefined {
  const path = ancestorsOf(sourceFile, span);
  const call = path?.[path.length - 1];
  if (!path || !call || call.kind !== SyntaxKind.CallExpression) return undefined;
  const input = (call as ts.CallExpression).arguments[0];
  if (!input || input.kind !== SyntaxKind.Identifier) return undefined;
  const name = (input as ts.Identifier).text;
  let i = path.length - 2;
  // Through `(...)`, `await` and a member of the result (`clipGlobal(grads, 5).clipped`).
  while (i > 0 && (path[i].kind === SyntaxKind.ParenthesizedExpression || path[i].kind === SyntaxKind.AwaitExpression || path[i].kind === SyntaxKind.PropertyAccessExpression)) i--;
  const parent = path[i];
  const target = parent.kind === SyntaxKind.VariableDeclaration ? (parent as ts.VariableDeclaration).name
    : parent.kind === SyntaxKind.BinaryExpression && (parent as ts.BinaryExpression).operatorToken.kind === SyntaxKind.EqualsToken ? (parent as ts.BinaryExpression).left
      : undefined;
  if (target === undefined && resultKept) return undefined;
  return target?.kind === SyntaxKind.Identifier && (target as ts.Identifier).text === name ? undefined : name;
}
