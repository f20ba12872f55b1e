/**
 * Settings written in the file as a YAML, TOML, JSON5, INI or JSON document and parsed by a
 * library call (`yaml.load(DEFAULTS)`, `TOML.parse(text)`, `JSON.parse('{"lr": 0.1}')`): the
 * document is data, parsed here by the same kind of library (nothing in it runs) into the
 * interpreter's values, as a JSON module is (jsonModules.ts). A document not known, too large or
 * invalid leaves the result unknown.
 */
import { load as loadYaml } from 'js-yaml';
import { parse as parseToml } from 'smol-toml';
import JSON5 from 'json5';
import { parse as parseIni } from 'ini';
import type { Span } from '../ir';
import { dataValue } from './jsonModules';
import { UNKNOWN, type Value } from './values';

/** A settings document longer than this is a data file, not hyperparameters worth the parse. */
const MAX_DOCUMENT_CHARS = 64 * 1024;

type Format = 'yaml' | 'toml' | 'json5' | 'ini' | 'json';

const PARSERS: Record<Format, (text: string) => unknown> = {
  // The default schema of js-yaml 4 builds plain data only (no `!!js/function`).
  yaml: (text) => loadYaml(text),
  toml: parseToml,
  json5: (text) => JSON5.parse(text),
  // `ini` keeps every value but booleans a string, as the library does for the program.
  ini: parseIni,
  json: (text) => JSON.parse(text),
};

/** The parse functions each package exports, by the format they read. */
const PACKAGES: ReadonlyMap<string, { format: Format; functions: readonly string[] }> = new Map([
  ['js-yaml', { format: 'yaml', functions: ['load', 'safeLoad'] }],
  ['yaml', { format: 'yaml', functions: ['parse'] }],
  ['smol-toml', { format: 'toml', functions: ['parse'] }],
  ['@iarna/toml', { format: 'toml', functions: ['parse'] }],
  ['toml', { format: 'toml', functions: ['parse'] }],
  ['json5', { format: 'json5', functions: ['parse'] }],
  ['ini', { format: 'ini', functions: ['parse', 'decode'] }],
]);

/** The interpreter's name for a settings package's exports (`#settings:js-yaml.load`). */
const PREFIX = '#settings:';

export function settingsPackagePrefix(specifier: string): string | undefined {
  return PACKAGES.has(specifier) ? `${PREFIX}${specifier}` : undefined;
}

/**
 * The value a parse call returns, for a builtin path (`#settings:js-yaml.load`, `JSON.parse`);
 * undefined when the path is no settings parser.
 */
export function parseSettingsCall(path: string, text: Value, anchor: Span | undefined): Value | undefined {
  const format = path === 'JSON.parse' ? 'json' : formatOf(path);
  if (format === undefined) return undefined;
  if (typeof text !== 'string' || text.length > MAX_DOCUMENT_CHARS || !anchor) return UNKNOWN;
  try {
    return dataValue(PARSERS[format](text), anchor);
  } catch {
    // The library's syntax error, or nesting deeper than the stack.
    return UNKNOWN;
  }
}

function formatOf(path: string): Format | undefined {
  if (!path.startsWith(PREFIX)) return undefined;
  const dot = path.lastIndexOf('.');
  const specifier = path.slice(PREFIX.length, dot);
  const entry = PACKAGES.get(specifier);
  // `import YAML from 'yaml'; YAML.parse(...)`: the default export's member, as the named export.
  const name = path.slice(dot + 1);
  return entry && entry.functions.includes(name) ? entry.format : undefined;
}
