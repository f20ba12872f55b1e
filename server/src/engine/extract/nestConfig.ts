/**
 * NestJS's ConfigService (`@nestjs/config`), which the framework injects wherever a class or a
 * provider's factory asks for it: `config.get('FRAUD_LR', 0.02)` reads the environment and falls
 * back to the default the code gives, so a plain run reads that default, as for
 * `process.env.LR ?? '0.05'`; a key without a default is unknown.
 */
import type { Arg } from './calls';
import { UNKNOWN, hasTag, type Value } from './values';

/** The builtin path of the package's exports (values.ts packageExport). */
export const NEST_CONFIG = '@nestjs/config';

const SERVICE_CLASS = `${NEST_CONFIG}.ConfigService`;

/** What NestJS injects for a dependency written as `value` (a constructor parameter's type, a factory's `inject` token): the config service, or undefined. */
export function frameworkService(value: Value): Value | undefined {
  return hasTag(value, 'builtin') && value.path === SERVICE_CLASS ? { tag: 'builtin', path: `${NEST_CONFIG}.service` } : undefined;
}

export function callNestConfig(name: string, args: Arg[]): Value {
  if (name !== 'service.get') return UNKNOWN;
  // The second argument is the default, unless it is the options object (`{ infer: true }`).
  const fallback = args[1]?.value;
  return typeof fallback === 'number' || typeof fallback === 'string' || typeof fallback === 'boolean' ? fallback : UNKNOWN;
}
