/**
 * NestJS's ConfigService (`@nestjs/config`), which the framework injects wherever a class or a
 * provider's factory asks for it: `config.get('FRAUD_LR', 0.02)` reads the environment and falls
 * back to the default the code gives, so a plain run reads that default, as for
 * `process.env.LR ?? '0.05'`; a key without a default is unknown.
 */
import type ts from 'typescript';
import { callValue, type Arg } from './calls';
import type { Extraction } from './context';
import { NO_SPAN, UNKNOWN, functionProperties, hasTag, type Value } from './values';

/** The builtin path of the package's exports (values.ts packageExport). */
export const NEST_CONFIG = '@nestjs/config';

const SERVICE_CLASS = `${NEST_CONFIG}.ConfigService`;

/** The `KEY` token of a config namespace (`registerAs('ranker', factory)`), bound to its factory. */
const NAMESPACE_KEY = `${NEST_CONFIG}.namespaceKey`;

/**
 * What NestJS injects for a dependency written as `value` (a constructor parameter's type, an
 * `@Inject` or `inject` token): the config service, a config namespace's object (what its
 * factory returns), or undefined.
 */
export function frameworkService(ctx: Extraction, value: Value, node: ts.Node): Value | undefined {
  if (!hasTag(value, 'builtin')) return undefined;
  if (value.path === SERVICE_CLASS) return { tag: 'builtin', path: `${NEST_CONFIG}.service` };
  const factory = value.path === NAMESPACE_KEY ? value.bound?.[0] : undefined;
  return hasTag(factory, 'function') ? callValue(ctx, node, factory, []) : undefined;
}

export function callNestConfig(name: string, args: Arg[]): Value {
  // `registerAs('ranker', () => ({...}))`: the factory, whose KEY token injects what it returns.
  if (name === 'registerAs') {
    const factory = args[1]?.value;
    if (!hasTag(factory, 'function')) return UNKNOWN;
    functionProperties(factory).props.set('KEY', { value: { tag: 'builtin', path: NAMESPACE_KEY, bound: [factory] }, span: NO_SPAN, valueSpan: NO_SPAN });
    return factory;
  }
  if (name !== 'service.get') return UNKNOWN;
  // The second argument is the default, unless it is the options object (`{ infer: true }`).
  const fallback = args[1]?.value;
  return typeof fallback === 'number' || typeof fallback === 'string' || typeof fallback === 'boolean' ? fallback : UNKNOWN;
}
