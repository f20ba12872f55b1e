/** The rule registry. */
import type { Rule } from './rule';

export const RULES: readonly Rule[] = [];
