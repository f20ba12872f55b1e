/** Constant folding of JavaScript operators over known primitive values. */
import ts from 'typescript';
import { UNKNOWN, hasTag, type Value } from './values';

// TypeScript exports its API through getters: read what the hot paths use once.
const { SyntaxKind } = ts;

type Prim = number | string | boolean | null | undefined;

function isPrim(value: Value): value is Prim {
  return value === null || (typeof value !== 'object' && typeof value !== 'function');
}

export function foldBinary(op: ts.SyntaxKind, left: Value, right: Value): Value {
  if (!isPrim(left) || !isPrim(right)) {
    if (op === SyntaxKind.EqualsEqualsEqualsToken && left === right) return true;
    if (hasTag(left, 'symbol') && hasTag(right, 'symbol')) return foldBinary(op, left.key, right.key);
    // `v !== null` of an object, array or function: a value the interpreter made is never nullish.
    if ((isNullish(left) && isMade(right)) || (isNullish(right) && isMade(left))) return nullComparison(op);
    return UNKNOWN;
  }
  // Arithmetic on primitives follows JavaScript exactly; `as never` keeps the folding honest to JS.
  const a = left as never;
  const b = right as never;
  switch (op) {
    case SyntaxKind.PlusToken:
      return (a as number) + (b as number);
    case SyntaxKind.MinusToken:
      return (a as number) - (b as number);
    case SyntaxKind.AsteriskToken:
      return (a as number) * (b as number);
    case SyntaxKind.SlashToken:
      return (a as number) / (b as number);
    case SyntaxKind.PercentToken:
      return (a as number) % (b as number);
    case SyntaxKind.AsteriskAsteriskToken:
      return (a as number) ** (b as number);
    case SyntaxKind.LessThanToken:
      return a < b;
    case SyntaxKind.LessThanEqualsToken:
      return a <= b;
    case SyntaxKind.GreaterThanToken:
      return a > b;
    case SyntaxKind.GreaterThanEqualsToken:
      return a >= b;
    case SyntaxKind.EqualsEqualsEqualsToken:
      return a === b;
    case SyntaxKind.ExclamationEqualsEqualsToken:
      return a !== b;
    case SyntaxKind.EqualsEqualsToken:
      return a == b;
    case SyntaxKind.ExclamationEqualsToken:
      return a != b;
    case SyntaxKind.AmpersandToken:
      return (a as number) & (b as number);
    case SyntaxKind.BarToken:
      return (a as number) | (b as number);
    case SyntaxKind.CaretToken:
      return (a as number) ^ (b as number);
    case SyntaxKind.LessThanLessThanToken:
      return (a as number) << (b as number);
    case SyntaxKind.GreaterThanGreaterThanToken:
      return (a as number) >> (b as number);
    case SyntaxKind.GreaterThanGreaterThanGreaterThanToken:
      return (a as number) >>> (b as number);
    default:
      return UNKNOWN;
  }
}

function isNullish(value: Value): boolean {
  return value === null || value === undefined;
}

function isMade(value: Value): boolean {
  return isPrim(value) ? false : value.tag !== 'unknown' || value.number === true;
}

/** A comparison of a value that is not null or undefined with one that is. */
function nullComparison(op: ts.SyntaxKind): Value {
  switch (op) {
    case SyntaxKind.EqualsEqualsEqualsToken:
    case SyntaxKind.EqualsEqualsToken:
      return false;
    case SyntaxKind.ExclamationEqualsEqualsToken:
    case SyntaxKind.ExclamationEqualsToken:
      return true;
    default:
      return UNKNOWN;
  }
}

export function foldPrefix(op: ts.SyntaxKind, operand: Value): Value {
  if (!isPrim(operand)) return op === SyntaxKind.ExclamationToken && operand.tag !== 'unknown' ? false : UNKNOWN;
  switch (op) {
    case SyntaxKind.MinusToken:
      return -(operand as number);
    case SyntaxKind.PlusToken:
      return +(operand as number);
    case SyntaxKind.ExclamationToken:
      return !operand;
    case SyntaxKind.TildeToken:
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
    case SyntaxKind.PlusEqualsToken:
      return SyntaxKind.PlusToken;
    case SyntaxKind.MinusEqualsToken:
      return SyntaxKind.MinusToken;
    case SyntaxKind.AsteriskEqualsToken:
      return SyntaxKind.AsteriskToken;
    case SyntaxKind.SlashEqualsToken:
      return SyntaxKind.SlashToken;
    case SyntaxKind.PercentEqualsToken:
      return SyntaxKind.PercentToken;
    case SyntaxKind.AsteriskAsteriskEqualsToken:
      return SyntaxKind.AsteriskAsteriskToken;
    default:
      return undefined;
  }
}
