/**
 * The workspace's regular expressions, run only where matching is guaranteed linear in time: V8's
 * linear-time engine (the `l` flag) compiles them, and it refuses what could backtrack without end
 * (backreferences, lookarounds) and, in Node 20, the `i` and `u` flags. A pattern it refuses is
 * never run: its matches are unknown. So an architecture string cut with `split` and matched token
 * by token (`/^conv(\d+)k(\d+)$/.exec(token)`) is read, and a hostile pattern cannot hang the server.
 */
import { setFlagsFromString } from 'node:v8';
import { UNKNOWN, hasTag, newObject, setMadeMember, type ArrayValue, type RegExpValue, type Value } from './values';

/** Inputs longer than this are not matched: linear still costs time on a megabyte string. */
const MAX_INPUT_LENGTH = 100_000;

let linearEngineEnabled = false;

export function makeRegExp(source: string, flags: string): RegExpValue {
  if (!linearEngineEnabled) {
    // The flag only lets `new RegExp(..., 'l')` compile; every other pattern keeps V8's engine.
    setFlagsFromString('--enable-experimental-regexp-engine');
    linearEngineEnabled = true;
  }
  let linear: RegExp | undefined;
  try {
    linear = new RegExp(source, `${flags}l`);
  } catch {
    linear = undefined;
  }
  return { tag: 'regexp', source, flags, linear };
}

/** `/source/flags` as the literal's text writes it. */
export function regExpLiteral(text: string): RegExpValue {
  const end = text.lastIndexOf('/');
  return makeRegExp(text.slice(1, end), text.slice(end + 1));
}

/** A compiled pattern and an input it may be run on, or undefined. */
function runnable(pattern: Value, input: Value): [RegExp, string] | undefined {
  if (!hasTag(pattern, 'regexp') || !pattern.linear || typeof input !== 'string' || input.length > MAX_INPUT_LENGTH) return undefined;
  // A fresh copy: a global pattern's lastIndex would carry state from one call to the next.
  return [new RegExp(pattern.linear), input];
}

/** `re.test(s)` and `re.exec(s)`; a global or sticky pattern's result depends on earlier calls: unknown. */
export function callRegExpMethod(pattern: RegExpValue, name: string, input: Value): Value {
  if (pattern.flags.includes('g') || pattern.flags.includes('y')) return UNKNOWN;
  const run = runnable(pattern, input);
  if (!run) return UNKNOWN;
  const [re, text] = run;
  if (name === 'test') return re.test(text);
  if (name === 'exec') return matchValue(re.exec(text));
  return UNKNOWN;
}

/** `s.match(re)`, `s.search(re)`, `s.replace(re, text)`, `s.split(re)` with a pattern; undefined when `name` takes no pattern here. */
export function callStringWithPattern(text: string, name: string, pattern: Value, other: Value): Value | undefined {
  if (!hasTag(pattern, 'regexp')) return undefined;
  const run = runnable(pattern, text);
  if (!run) return UNKNOWN;
  const [re] = run;
  switch (name) {
    case 'match':
      if (!re.global) return matchValue(re.exec(text));
      const all = text.match(re);
      return all ? listOf(all) : null;
    case 'search':
      return text.search(re);
    case 'replace':
    case 'replaceAll':
      // A replacement function would run the workspace's code on each match.
      if (typeof other !== 'string' || (name === 'replaceAll' && !re.global)) return UNKNOWN;
      return text[name](re, other);
    case 'split':
      return other === undefined || typeof other === 'number' ? listOf(text.split(re, other)) : UNKNOWN;
    default:
      return UNKNOWN;
  }
}

/** A match as JavaScript gives it: the matched text and groups, with `index` and named `groups`; null for none. */
function matchValue(match: RegExpExecArray | null): Value {
  if (!match) return null;
  const value: ArrayValue = { tag: 'array', items: [...match], lengthKnown: true, members: new Map<string, Value>([['index', match.index]]) };
  const named = match.groups;
  if (named) {
    const groups = newObject();
    for (const key of Object.keys(named)) setMadeMember(groups, key, named[key]);
    value.members!.set('groups', groups);
  } else value.members!.set('groups', undefined);
  return value;
}

/** The parts `split` or `match` gives, as a list of known length. */
export function listOf(items: readonly string[]): ArrayValue {
  return { tag: 'array', items: [...items], lengthKnown: true };
}
