/** The rule registry: every rule of DESIGN section 6, in the order their findings are produced. */
import { constantInitializer } from './constantInitializer';
import { deepWithoutNormalization } from './deepWithoutNormalization';
import { deepWithoutSkip } from './deepWithoutSkip';
import { explodingGradient } from './explodingGradient';
import { highLearningRate } from './highLearningRate';
import { largeInitScale } from './largeInitScale';
import { longSimpleRnn } from './longSimpleRnn';
import { missingGradientClipping } from './missingGradientClipping';
import { outputLossMismatch } from './outputLossMismatch';
import type { Rule } from './rule';
import { saturatedActivation } from './saturatedActivation';
import { tfjsApiTrap } from './tfjsApiTrap';
import { vanishingGradient } from './vanishingGradient';

export const RULES: readonly Rule[] = [
  vanishingGradient,
  explodingGradient,
  saturatedActivation,
  largeInitScale,
  highLearningRate,
  missingGradientClipping,
  longSimpleRnn,
  deepWithoutNormalization,
  deepWithoutSkip,
  tfjsApiTrap,
  constantInitializer,
  outputLossMismatch,
];
