/** Constant folding of JavaScript operators over known primitive values. */
import ts from 'typescript';
import { UNKNOWN, type Value } from './values';

type Prim = number | string | boolean | null | undefined;

function isPrim(value: Value): value is Prim {
  return value === null || (typeof value !== 'object' && typeof value !== 'function');
}

export function foldBinary(op: ts.SyntaxKind, left: Value, right: Value): Value {
  if (!isPrim(left) || !isPrim(right)) {
    if (op === ts.SyntaxKind.EqualsEqualsEqualsToken && left === right) return true;
    return UNKNOWN;
  }
  // Arithmetic on primitives follows JavaScript exactly; `as never` keeps the folding honest to JS.
  const a = left as never;
  const b = right as never;
  switch (op) {
    case ts.SyntaxKind.PlusToken:
      return (a as number) + (b as number);
    case ts.SyntaxKind.MinusToken:
      return (a as number) - (b as number);
    case ts.SyntaxKind.AsteriskToken:
      return (a as number) * (b as number);
    case ts.SyntaxKind.SlashToken:
      return (a as number) / (b as number);
    case ts.SyntaxKind.PercentToken:
      return (a as number) % (b as number);
    case ts.SyntaxKind.AsteriskAsteriskToken:
      return (a as number) ** (b as number);
    case ts.SyntaxKind.LessThanToken:
      return a < b;
    case ts.SyntaxKind.LessThanEqualsToken:
      return a <= b;
    case ts.SyntaxKind.GreaterThanToken:
      return a > b;
    case ts.SyntaxKind.GreaterThanEqualsToken:
      return a >= b;
    case ts.SyntaxKind.EqualsEqualsEqualsToken:
      return a === b;
    case ts.SyntaxKind.ExclamationEqualsEqualsToken:
      return a !== b;
    case ts.SyntaxKind.EqualsEqualsToken:
      // eslint-disable-next-line eqeqeq
      return a == b;
    case ts.SyntaxKind.ExclamationEqualsToken:
      // eslint-disable-next-line eqeqeq
      return a != b;
    case ts.SyntaxKind.AmpersandToken:
      return (a as number) & (b as number);
    case ts.SyntaxKind.BarToken:
      return (a as number) | (b as number);
    case ts.SyntaxKind.CaretToken:
      return (a as number) ^ (b as number);
    case ts.SyntaxKind.LessThanLessThanToken:
      return (a as number) << (b as number);
    case ts.SyntaxKind.GreaterThanGreaterThanToken:
      return (a as number) >> (b as number);
    case ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken:
      return (a as number) >>> (b as number);
    default:
      return UNKNOWN;
  }
}

export function foldPrefix(op: ts.SyntaxKind, operand: Value): Value {
  if (!isPrim(operand)) return op === ts.SyntaxKind.ExclamationToken && operand.tag !== 'unknown' ? false : UNKNOWN;
  switch (op) {
    case ts.SyntaxKind.MinusToken:
      return -(operand as number);
    case ts.SyntaxKind.PlusToken:
      return +(operand as number);
    case ts.SyntaxKind.ExclamationToken:
      return !operand;
    case ts.SyntaxKind.TildeToken:
      return ~(operand as number);
    default:
      return UNKNOWN;
  }
}

/** Truthiness of a value: undefined when it cannot be known. */
export function truthiness(value: Value): boolean | undefined {
  if (isPrim(value)) return Boolean(value);
  return value.tag === 'unknown' ? undefined : true;
}

/** Maps `+=` and friends to the binary operator they apply. */
export function compoundOperator(op: ts.SyntaxKind): ts.SyntaxKind | undefined {
  switch (op) {
    case ts.SyntaxKind.PlusEqualsToken:
      return ts.SyntaxKind.PlusToken;
    case ts.SyntaxKind.MinusEqualsToken:
      return ts.SyntaxKind.MinusToken;
    case ts.SyntaxKind.AsteriskEqualsToken:
      return ts.SyntaxKind.AsteriskToken;
    case ts.SyntaxKind.SlashEqualsToken:
      return ts.SyntaxKind.SlashToken;
    case ts.SyntaxKind.PercentEqualsToken:
      return ts.SyntaxKind.PercentToken;
    case ts.SyntaxKind.AsteriskAsteriskEqualsToken:
      return ts.SyntaxKind.AsteriskAsteriskToken;
    default:
      return undefined;
  }
}
