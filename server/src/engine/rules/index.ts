/** The rule registry: every rule of DESIGN section 6, in the order their findings are produced. */
import { explodingGradient } from './explodingGradient';
import { highLearningRate } from './highLearningRate';
import { largeInitScale } from './largeInitScale';
import { missingGradientClipping } from './missingGradientClipping';
import type { Rule } from './rule';
import { vanishingGradient } from './vanishingGradient';

export const RULES: readonly Rule[] = [
  vanishingGradient,
  explodingGradient,
  largeInitScale,
  highLearningRate,
  missingGradientClipping,
];
