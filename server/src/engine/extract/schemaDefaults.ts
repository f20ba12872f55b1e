/**
 * Settings validated by schema libraries that fill in defaults: zod (`z.object({ lr:
 * z.number().default(0.001) }).parse(input)`, `safeParse`), joi (`Joi.object({...}).validate(input)`
 * gives `{ value }`, `Joi.attempt(input, schema)`), yup (`validateSync`, `cast`, `validate`), and
 * class-transformer's `plainToInstance(Dto, plain)` (a new Dto, its property initializers as
 * defaults, the plain object's keys over them, nested objects merged into the Dto's own). A key
 * the input gives keeps its value, a key it lacks takes the schema's default; an input that is not
 * known, or may hold any key, leaves those keys unknown. Checks (`.min()`, `.positive()`) and
 * coercion are not applied: the value read is the one written.
 */
import type ts from 'typescript';
import { callValue, invokeCallbacks, type Arg } from './calls';
import { instantiate } from './classes';
import type { Extraction } from './context';
import { UNKNOWN, copyObject, hasTag, madeObject, newObject, setMadeMember, type ObjectValue, type Value } from './values';

/** The builtin path of the libraries' exports (`schema.zod.object`) and of a schema's methods (`schema#default`). */
export const SCHEMA = 'schema';
const METHOD = `${SCHEMA}#`;

/** Whether a builtin path is a schema library's export or a schema's method. */
export function isSchemaPath(path: string): boolean {
  return path.startsWith(`${SCHEMA}.`) || path.startsWith(METHOD);
}

/** The packages read, by import specifier: the library's name decides what `validate` returns. */
const LIBRARIES: ReadonlyMap<string, string> = new Map([
  ['zod', 'zod'],
  ['joi', 'joi'],
  ['yup', 'yup'],
  ['class-transformer', 'class-transformer'],
]);

/** The builtin prefix of a schema library's exports (`schema.zod`), by import specifier. */
export function schemaLibraryPrefix(specifier: string): string | undefined {
  const library = LIBRARIES.get(specifier);
  return library === undefined ? undefined : `${SCHEMA}.${library}`;
}

/** Members of a schema the interpreter makes. */
const LIBRARY = '@@gradient-doctor/library';
const SHAPE = '@@gradient-doctor/shape';
const DEFAULT = '@@gradient-doctor/default';

/** Methods that give the schema back as it is, for what this module reads (checks, messages, modifiers). */
const CHAINED = [
  'optional', 'nullable', 'nullish', 'required', 'positive', 'negative', 'nonnegative', 'nonpositive', 'int', 'integer',
  'min', 'max', 'gt', 'gte', 'lt', 'lte', 'finite', 'multipleOf', 'length', 'email', 'url', 'uuid', 'regex', 'pattern',
  'trim', 'lowercase', 'uppercase', 'describe', 'description', 'label', 'meta', 'strict', 'strip', 'passthrough',
  'valid', 'allow', 'only', 'items', 'of', 'oneOf', 'unknown', 'options', 'messages', 'message', 'refine', 'superRefine',
  'transform', 'precision', 'greater', 'less', 'port', 'nonempty', 'typeError', 'test', 'when',
];
const PARSERS = ['parse', 'parseAsync', 'safeParse', 'safeParseAsync', 'validate', 'validateAsync', 'validateSync', 'cast'];

/** `z.object(shape)`, `Joi.number()`, `yup.string()`, `Joi.attempt(input, schema)`, `plainToInstance(Dto, plain)`. */
export function callSchemaExport(ctx: Extraction, path: string, args: Arg[], callNode: ts.Node, thisValue?: Value): Value {
  if (path.startsWith(METHOD)) return callSchemaMethod(ctx, path.slice(METHOD.length), args, callNode, thisValue);
  const [, library, ...rest] = path.split('.');
  const name = rest[rest.length - 1];
  const [first, second] = args.map((arg) => arg.value);
  if (library === 'class-transformer') {
    if ((name === 'plainToInstance' || name === 'plainToClass') && hasTag(first, 'class')) return mergeInto(instantiate(ctx, first, [], callNode), second);
    invokeCallbacks(ctx, args);
    return UNKNOWN;
  }
  if (library === 'joi' && name === 'attempt' && isSchema(second)) return parsed(ctx, callNode, second, first);
  return makeSchema(library, name === 'object' && hasTag(first, 'object') ? first : undefined);
}

function makeSchema(library: string, shape: ObjectValue | undefined): ObjectValue {
  const schema = newObject();
  setMadeMember(schema, LIBRARY, library);
  if (shape) setMadeMember(schema, SHAPE, shape);
  for (const method of [...CHAINED, ...PARSERS, 'default', 'keys', 'shape', 'extend']) setMadeMember(schema, method, { tag: 'builtin', path: `${METHOD}${method}` });
  return schema;
}

function isSchema(value: Value): value is ObjectValue {
  return hasTag(value, 'object') && value.props.has(LIBRARY);
}

function callSchemaMethod(ctx: Extraction, name: string, args: Arg[], callNode: ts.Node, schema: Value): Value {
  if (!isSchema(schema)) return UNKNOWN;
  const first = args[0]?.value;
  switch (name) {
    case 'default': {
      const made = copyObject(schema);
      setMadeMember(made, DEFAULT, first);
      return made;
    }
    case 'keys':
    case 'shape':
    case 'extend': {
      // Joi's `.keys({...})`, yup's `.shape({...})`, zod's `.extend({...})`: keys added to the shape.
      const made = copyObject(schema);
      const shape = newObject();
      const own = schema.props.get(SHAPE)?.value;
      if (hasTag(own, 'object')) own.props.forEach((member, key) => shape.props.set(key, member));
      if (hasTag(first, 'object')) first.props.forEach((member, key) => shape.props.set(key, member));
      else shape.open = true;
      setMadeMember(made, SHAPE, shape);
      return made;
    }
    default:
      if (!PARSERS.includes(name)) return copyObject(schema);
      return parseResult(ctx, callNode, schema, name, first);
  }
}

/** What a parser call gives: the value, or zod's `{ success, data }`, or joi's `{ value, error }`. */
function parseResult(ctx: Extraction, callNode: ts.Node, schema: ObjectValue, name: string, input: Value): Value {
  const value = parsed(ctx, callNode, schema, input);
  const library = schema.props.get(LIBRARY)?.value;
  if (name.startsWith('safeParse')) return madeObject([['success', true], ['data', value]]);
  if (library === 'joi' && name === 'validate') return madeObject([['value', value], ['error', undefined]]);
  return value;
}

/** The input with the schema's defaults where it gives no value. */
function parsed(ctx: Extraction, callNode: ts.Node, schema: ObjectValue, input: Value): Value {
  if (input === undefined) {
    if (!schema.props.has(DEFAULT)) return undefined;
    const fallback = schema.props.get(DEFAULT)!.value;
    // zod and yup call a function default for each parse.
    return hasTag(fallback, 'function') ? callValue(ctx, callNode, fallback, []) : fallback;
  }
  const shape = schema.props.get(SHAPE)?.value;
  if (!hasTag(shape, 'object') || !hasTag(input, 'object')) return input;
  const result = newObject();
  // zod drops keys its shape does not name; joi and yup keep them.
  if (schema.props.get(LIBRARY)?.value !== 'zod') input.props.forEach((member, key) => result.props.set(key, member));
  shape.props.forEach((field, key) => {
    const given = input.props.get(key);
    const value = given === undefined && input.open ? UNKNOWN : isSchema(field.value) ? parsed(ctx, callNode, field.value, given?.value) : UNKNOWN;
    result.props.set(key, given ? { ...given, value } : { value, span: field.span, valueSpan: field.valueSpan });
  });
  if (input.open || shape.open) result.open = true;
  return result;
}

/** class-transformer: the plain object's keys over the instance's, known objects merged into its own. */
function mergeInto(target: Value, plain: Value): Value {
  if (!hasTag(target, 'object')) return UNKNOWN;
  if (!hasTag(plain, 'object')) {
    if (plain !== undefined && plain !== null) target.open = true;
    return target;
  }
  plain.props.forEach((member, key) => {
    const own = target.props.get(key)?.value;
    const merged = hasTag(own, 'object') && hasTag(member.value, 'object') ? mergeInto(copyObject(own), member.value) : member.value;
    target.props.set(key, { ...member, value: merged });
  });
  if (plain.open) target.open = true;
  return target;
}
