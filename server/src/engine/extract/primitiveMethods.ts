/**
 * Methods of strings and numbers with known values: settings written as text (`'50%'`,
 * `' 0.001 '`) are turned into numbers by ordinary string code (`Number(cell.replace('%', '')) / 100`).
 * Only methods whose result is one string, number or boolean that depends on nothing but the
 * receiver and primitive arguments, and the lists `split` and `match` make. A regular expression
 * argument runs only where its matching is linear in time (regularExpressions.ts).
 */
import { callStringWithPattern, listOf } from './regularExpressions';
import { UNKNOWN, type Value } from './values';

/** Longer results (`'x'.repeat(1e9)`, `padStart(1e9)`) are not built. */
const MAX_RESULT_LENGTH = 10_000;

export function callPrimitiveMethod(receiver: string | number, name: string, args: readonly Value[]): Value {
  const result = typeof receiver === 'string' ? callStringMethod(receiver, name, args) : callNumberMethod(receiver, name, args);
  return typeof result === 'string' && result.length > MAX_RESULT_LENGTH ? UNKNOWN : result;
}

function callStringMethod(text: string, name: string, args: readonly Value[]): Value {
  const [a, b] = args;
  const str = (value: Value): value is string => typeof value === 'string';
  const num = (value: Value): value is number => typeof value === 'number';
  const optionalNum = (value: Value): value is number | undefined => value === undefined || num(value);
  const withPattern = callStringWithPattern(text, name, a, b);
  if (withPattern !== undefined) return withPattern;
  switch (name) {
    case 'split':
      return (a === undefined || str(a)) && optionalNum(b) ? listOf(text.split(a as string, b)) : UNKNOWN;
    case 'trim':
    case 'trimStart':
    case 'trimEnd':
    case 'toLowerCase':
    case 'toUpperCase':
    case 'toString':
    case 'valueOf':
      return text[name]();
    case 'replace':
    case 'replaceAll':
      return str(a) && str(b) ? text[name](a, b) : UNKNOWN;
    case 'slice':
    case 'substring':
      return optionalNum(a) && optionalNum(b) ? text[name](a ?? 0, b) : UNKNOWN;
    case 'startsWith':
    case 'endsWith':
    case 'includes':
    case 'indexOf':
    case 'lastIndexOf':
      return str(a) && optionalNum(b) ? (text[name] as (search: string, position?: number) => boolean | number)(a, b) : UNKNOWN;
    case 'charAt':
    case 'at':
      return optionalNum(a) ? (text[name](a ?? 0) ?? undefined) : UNKNOWN;
    case 'padStart':
    case 'padEnd':
      return num(a) && a <= MAX_RESULT_LENGTH && (b === undefined || str(b)) ? text[name](a, b) : UNKNOWN;
    case 'repeat':
      return num(a) && a >= 0 && a * text.length <= MAX_RESULT_LENGTH ? text.repeat(a) : UNKNOWN;
    case 'concat':
      return args.every((arg) => str(arg) || num(arg)) ? text.concat(...args.map(String)) : UNKNOWN;
    default:
      return UNKNOWN;
  }
}

function callNumberMethod(value: number, name: string, args: readonly Value[]): Value {
  const [digits] = args;
  const inRange = (low: number, high: number) => digits === undefined || (typeof digits === 'number' && digits >= low && digits <= high);
  switch (name) {
    case 'toFixed':
      return inRange(0, 100) ? value.toFixed(digits as number | undefined) : UNKNOWN;
    case 'toPrecision':
      return inRange(1, 100) ? value.toPrecision(digits as number | undefined) : UNKNOWN;
    case 'toExponential':
      return inRange(0, 100) ? value.toExponential(digits as number | undefined) : UNKNOWN;
    case 'toString':
      return inRange(2, 36) ? value.toString(digits as number | undefined) : UNKNOWN;
    case 'valueOf':
      return value;
    default:
      return UNKNOWN;
  }
}
