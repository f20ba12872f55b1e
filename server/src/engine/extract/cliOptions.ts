/**
 * Command-line options declared with yargs, commander, argparse (the port of Python's:
 * `add_argument('--learning_rate', { default: 0.1 })`, `parse_args()`), minimist or its
 * look-alikes (yargs-parser, mri: one call with a `default` option), or Node's own
 * `util.parseArgs({ options: { lr: { type: 'string', default: '1e-3' } } })`. A run without flags gets each
 * option's default, which the code writes like a default parameter, so
 * `tf.train.adam(argv.learningRate)` trains at the declared default (a known value picks its
 * branch and sets its rate, as a default parameter does). Options without a default, and the
 * parsed object's other keys, stay unknown.
 */
import type { Arg } from './calls';
import { invokeCallbacks } from './calls';
import type { Extraction } from './context';
import { invoke } from './functions';
import { UNKNOWN, hasTag, madeObject, newObject, type CliParserValue, type Member, type ObjectValue, type Value } from './values';

/** argparse's parser class (`new ArgumentParser({ description })`). */
const ARGUMENT_PARSER = 'argparse.ArgumentParser';

type Library = CliParserValue['library'];
/**
 * minimist parses in one call (`minimist(process.argv.slice(2), { default: {...} })`): no parser
 * object; yargs-parser and mri take the same options, and so does Deno's standard library
 * (`parseArgs(Deno.args, {...})` of `@std/cli`, `parse` of the older `std/flags`).
 */
export type CliPackage = Library | 'minimist' | 'denoStd' | 'nodeUtil';

/** Node's `util.parseArgs`, the builtin path of its export. */
const NODE_PARSE_ARGS = 'node:util.parseArgs';

/** Deno's `@std/cli` (from JSR or an import map) and the deno.land modules that export its parser. */
const DENO_STD_PARSER = /^(?:(?:jsr:)?@std\/cli(?:@[^/]+)?(?:\/parse-args)?|https:\/\/deno\.land\/std@[^/]+\/(?:cli\/parse_args|flags\/mod)\.ts)$/;

/** The CLI package an import specifier names, if its parser is read. */
export function cliPackageOf(specifier: string): CliPackage | undefined {
  return CLI_PACKAGES.get(specifier) ?? (DENO_STD_PARSER.test(specifier) ? 'denoStd' : undefined);
}

/** The packages whose parsers are read, by import specifier. */
const CLI_PACKAGES: ReadonlyMap<string, CliPackage> = new Map([
  ['yargs', 'yargs'],
  ['yargs/yargs', 'yargs'],
  ['commander', 'commander'],
  ['minimist', 'minimist'],
  ['yargs-parser', 'minimist'],
  ['mri', 'minimist'],
  ['argparse', 'argparse'],
  ['util', 'nodeUtil'],
  ['node:util', 'nodeUtil'],
]);

export function newCliParser(library: Library): CliParserValue {
  return { tag: 'cliParser', library, defaults: parsedFlags(), positionals: 0 };
}

/** The parsed flags of a run, before any default is declared: flags the user passes, and options without a default, are not known. */
function parsedFlags(): ObjectValue {
  const flags = newObject();
  flags.open = true;
  return flags;
}

/**
 * An export of a CLI package. yargs exports a function that makes a parser (also usable as one:
 * `require('yargs').option(...)`): the builtin `yargs`. commander exports its `program`, and
 * `Command`/`createCommand` to make more.
 */
export function cliExport(library: CliPackage, name: string): Value {
  if (library === 'minimist') return name === '*' || name === 'default' ? { tag: 'builtin', path: 'minimist' } : UNKNOWN;
  if (library === 'denoStd') return name === 'parseArgs' || name === 'parse' ? { tag: 'builtin', path: 'minimist' } : name === '*' ? madeObject([['parseArgs', { tag: 'builtin', path: 'minimist' }], ['parse', { tag: 'builtin', path: 'minimist' }]], true) : UNKNOWN;
  // Of Node's util only parseArgs is read; the module's other members stay unknown.
  if (library === 'nodeUtil') return name === 'parseArgs' ? { tag: 'builtin', path: NODE_PARSE_ARGS } : name === '*' || name === 'default' ? madeObject([['parseArgs', { tag: 'builtin', path: NODE_PARSE_ARGS }]], true) : UNKNOWN;
  if (library === 'argparse') return name === 'ArgumentParser' ? { tag: 'builtin', path: ARGUMENT_PARSER } : name === '*' || name === 'default' ? madeObject([['ArgumentParser', { tag: 'builtin', path: ARGUMENT_PARSER }]], true) : UNKNOWN;
  if (library === 'yargs') return name === '*' || name === 'default' ? { tag: 'builtin', path: 'yargs' } : UNKNOWN;
  if (name === 'program') return newCliParser('commander');
  if (name === 'Command' || name === 'createCommand') return { tag: 'builtin', path: `commander.${name}` };
  if (name !== '*' && name !== 'default') return UNKNOWN;
  const module = newObject();
  module.open = true;
  const at = { start: 0, end: 0 };
  for (const [key, value] of [['program', cliExport('commander', 'program')], ['Command', cliExport('commander', 'Command')], ['createCommand', cliExport('commander', 'createCommand')]] as const) {
    module.props.set(key, { value, span: at, valueSpan: at, foreign: true });
  }
  return module;
}

/** A call of a CLI package's builtin: `yargs(argv)`, `yargs.option(...)`, `new Command()`; undefined for other paths. */
export function callCliBuiltin(ctx: Extraction, path: string, args: Arg[]): Value | undefined {
  if (path === 'minimist') return minimistDefaults(args[1]?.value);
  if (path === NODE_PARSE_ARGS) return nodeParseArgs(args[0]?.value);
  if (path === ARGUMENT_PARSER) return newCliParser('argparse');
  if (path === 'yargs' || path === 'commander.Command' || path === 'commander.createCommand') return newCliParser(path === 'yargs' ? 'yargs' : 'commander');
  if (path.startsWith('yargs.')) return callCliMethod(ctx, newCliParser('yargs'), path.slice('yargs.'.length), args);
  return undefined;
}

/** `minimist(argv, { default: { lr: 0.001 } })`: a run without flags parses to the defaults, keyed as written; other keys are unknown. */
function minimistDefaults(options: Value): Value {
  const parsed = parsedFlags();
  const defaults = hasTag(options, 'object') ? options.props.get('default')?.value : undefined;
  if (hasTag(defaults, 'object')) defaults.props.forEach((member, key) => parsed.props.set(key, member));
  return parsed;
}

/**
 * `parseArgs({ options: { lr: { type: 'string', default: '1e-3' } } })` of a run without flags:
 * `values` holds each option's default (options without one, absent then, stay unknown), and
 * `positionals` is empty.
 */
function nodeParseArgs(config: Value): Value {
  const values = parsedFlags();
  const options = hasTag(config, 'object') ? config.props.get('options')?.value : undefined;
  if (hasTag(options, 'object')) {
    options.props.forEach((option, key) => {
      const declared = hasTag(option.value, 'object') ? option.value.props.get('default') : undefined;
      if (declared) values.props.set(key, declared);
    });
  }
  return madeObject([['values', values], ['positionals', { tag: 'array', items: [], lengthKnown: true }]], true);
}

/** `argv.lr` of yargs's parsed arguments. */
export function cliMember(parser: CliParserValue, name: string): Value {
  return parser.library === 'yargs' && name === 'argv' ? parser.defaults : UNKNOWN;
}

export function callCliMethod(ctx: Extraction, parser: CliParserValue, name: string, args: Arg[]): Value {
  if (parser.library === 'argparse') {
    if (name === 'parse_args' || name === 'parseArgs') return parser.defaults;
    // `[args, extras]`: the unrecognized flags of a run without flags are none.
    if (name === 'parse_known_args' || name === 'parseKnownArgs') return { tag: 'array', items: [parser.defaults, { tag: 'array', items: [], lengthKnown: true }], lengthKnown: true };
    if (name === 'add_argument' || name === 'addArgument') declareArgparseArgument(parser, args);
    else if ((name === 'set_defaults' || name === 'setDefaults') && hasTag(args[0]?.value, 'object')) args[0].value.props.forEach((member, key) => parser.defaults.props.set(key, member));
    else invokeCallbacks(ctx, args);
    return parser;
  }
  if (parser.library === 'yargs') {
    if (name === 'parse' || name === 'parseSync' || name === 'parseAsync') return parser.defaults;
    if (name === 'option' || name === 'options') declareYargsOptions(parser, args);
    else if (name === 'default') declareYargsDefaults(parser, args);
    else if (name === 'command') runYargsCommand(ctx, parser, args);
    else invokeCallbacks(ctx, args);
    return parser;
  }
  if (name === 'opts') return parser.defaults;
  if (name === 'option' || name === 'requiredOption') declareCommanderOption(parser, args);
  // With a description (`command('serve', 'start the server')`) it is a stand-alone executable and returns this command.
  else if (name === 'command' && typeof args[0]?.value === 'string' && typeof args[1]?.value !== 'string') return commanderSubcommand(args[0].value);
  else if (name === 'argument' || name === 'arguments') parser.positionals += typeof args[0]?.value === 'string' ? argumentsIn(args[0].value) : 1;
  else if (name === 'action') runCommanderAction(ctx, parser, args);
  // Hooks and the like still run once.
  else invokeCallbacks(ctx, args);
  return parser;
}

/**
 * `command('train', 'describe', (y) => y.option(...), (argv) => train(argv))`, or the same as an
 * object: the builder declares its options on this parser and the handler gets the parsed flags.
 */
function runYargsCommand(ctx: Extraction, parser: CliParserValue, args: Arg[]): void {
  const module = args.length === 1 && hasTag(args[0].value, 'object') ? args[0].value : undefined;
  const builder = module ? module.props.get('builder')?.value : args[2]?.value;
  const handler = module ? module.props.get('handler')?.value : args[3]?.value;
  if (hasTag(builder, 'function')) invoke(ctx, builder, [{ value: parser }]);
  else if (hasTag(builder, 'object')) declareYargsOptions(parser, [{ value: builder }]);
  if (hasTag(handler, 'function')) invoke(ctx, handler, [{ value: parser.defaults }]);
  else invokeCallbacks(ctx, args);
}

/** `program.command('train <data> [out]')`: a command of its own options, whose action gets two arguments first. */
function commanderSubcommand(nameAndArguments: string): CliParserValue {
  const command = newCliParser('commander');
  command.positionals = argumentsIn(nameAndArguments);
  return command;
}

/** `<data>` and `[out]` in a command or argument declaration. */
function argumentsIn(declaration: string): number {
  return declaration.match(/<[^>]*>|\[[^\]]*\]/g)?.length ?? 0;
}

/** `.action((data, options, command) => ...)`: commander passes the declared arguments, then the options, then the command. */
function runCommanderAction(ctx: Extraction, parser: CliParserValue, args: Arg[]): void {
  const action = args[0]?.value;
  if (!hasTag(action, 'function')) return invokeCallbacks(ctx, args);
  const positionals: Arg[] = Array.from({ length: parser.positionals }, () => ({ value: UNKNOWN }));
  invoke(ctx, action, [...positionals, { value: parser.defaults }, { value: parser }]);
}

/**
 * `add_argument('-l', '--learning-rate', { type: 'float', default: 0.1 })` (argparse 2, as Python's)
 * or `addArgument(['--learning-rate'], { defaultValue: 0.1 })` (argparse 1): the parsed key is
 * `dest`, else the first long flag with its dashes as underscores. A string default is converted
 * by a numeric `type`, as argparse does; positionals have no default a run without them gets.
 */
function declareArgparseArgument(parser: CliParserValue, args: Arg[]): void {
  const values = args.map((arg) => arg.value);
  const flags = values.flatMap((value) => (typeof value === 'string' ? [value] : hasTag(value, 'array') ? value.items.filter((item): item is string => typeof item === 'string') : []));
  const options = values.find((value): value is ObjectValue => hasTag(value, 'object'));
  const fallback = options?.props.get('default') ?? options?.props.get('defaultValue');
  if (!options || !fallback || !flags.some((flag) => flag.startsWith('-'))) return;
  const dest = options.props.get('dest')?.value;
  const long = flags.find((flag) => flag.startsWith('--')) ?? flags[0];
  const key = typeof dest === 'string' ? dest : long.replace(/^-+/, '').replace(/-/g, '_');
  const type = options.props.get('type')?.value;
  const numeric = type === 'float' || type === 'int' || (hasTag(type, 'builtin') && ['parseFloat', 'parseInt', 'Number'].includes(type.path));
  const value = numeric && typeof fallback.value === 'string' && fallback.value.trim() !== '' && Number.isFinite(Number(fallback.value)) ? Number(fallback.value) : fallback.value;
  parser.defaults.props.set(key, { ...fallback, value });
}

/** `option('learning-rate', { default: 0.05, alias: 'lr' })` or `options({ ... })`. */
function declareYargsOptions(parser: CliParserValue, args: Arg[]): void {
  const [first, second] = args.map((arg) => arg.value);
  if (typeof first === 'string') {
    if (hasTag(second, 'object')) declareYargsOption(parser, first, second);
    return;
  }
  if (hasTag(first, 'object')) first.props.forEach((member, key) => hasTag(member.value, 'object') && declareYargsOption(parser, key, member.value));
}

function declareYargsOption(parser: CliParserValue, key: string, settings: ObjectValue): void {
  const fallback = settings.props.get('default');
  if (!fallback) return;
  const alias = settings.props.get('alias')?.value;
  const aliases = typeof alias === 'string' ? [alias] : hasTag(alias, 'array') ? alias.items.filter((item): item is string => typeof item === 'string') : [];
  setDefault(parser, [key, ...aliases], fallback);
}

/** `default('epochs', 20)` or `default({ epochs: 20 })`. */
function declareYargsDefaults(parser: CliParserValue, args: Arg[]): void {
  const [first] = args.map((arg) => arg.value);
  if (typeof first === 'string' && args[1]?.node) setDefault(parser, [first], memberOf(args[1]));
  else if (hasTag(first, 'object')) first.props.forEach((member, key) => setDefault(parser, [key], member));
}

/**
 * `option('-d, --depth <n>', 'hidden layers', parseInt, 6)` or `option('--lr <rate>', 'rate', 0.05)`:
 * the default follows the description, after the parser function when there is one.
 */
function declareCommanderOption(parser: CliParserValue, args: Arg[]): void {
  const flags = args[0]?.value;
  if (typeof flags !== 'string') return;
  const long = /--([A-Za-z0-9][\w-]*)/.exec(flags)?.[1];
  const short = /(?:^|[\s,|])-([A-Za-z0-9])\b/.exec(flags)?.[1];
  const key = long ?? short;
  // `--no-color`: a negatable flag, true unless passed.
  if (!key || key.startsWith('no-')) return;
  // The parser may be the file's function or a builtin (`parseFloat`, `Number`).
  const at = hasTag(args[2]?.value, 'function') || hasTag(args[2]?.value, 'builtin') ? 3 : 2;
  if (args[at] === undefined || args[at].value === undefined) return;
  setDefault(parser, [key], memberOf(args[at]));
}

function memberOf(arg: Arg): Member {
  const at = { start: arg.node?.pos ?? 0, end: arg.node?.end ?? 0 };
  return { value: arg.value, span: at, valueSpan: at, foreign: true };
}

/** Both spellings: the option's name and its camelCase (`batch-size` is also `batchSize`). */
function setDefault(parser: CliParserValue, keys: string[], member: Member): void {
  for (const key of keys) {
    parser.defaults.props.set(key, member);
    const camel = key.replace(/-+([a-zA-Z0-9])/g, (_, letter: string) => letter.toUpperCase());
    if (camel !== key) parser.defaults.props.set(camel, member);
  }
}
