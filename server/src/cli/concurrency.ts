/** `check --concurrency N|auto|off`, as ESLint 9 spells it, except that the default is every core. */
import { availableParallelism } from 'node:os';
import { UsageError } from './io';

/** How many threads check files: `auto` or absent = the cores node may use, `off` = 1 (the main thread alone). */
export function parseConcurrency(value: string | undefined, cores: number = availableParallelism()): number {
  if (value === undefined || value === 'auto') return cores;
  if (value === 'off') return 1;
  if (!/^[1-9]\d*$/.test(value)) throw new UsageError(`--concurrency needs a whole number >= 1, 'auto' or 'off', not '${value}'`);
  return Number(value);
}
