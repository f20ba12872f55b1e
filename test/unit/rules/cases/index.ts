/** Every rule's case table, for rules.test.ts and the fixed-output type-check. */
import type { RuleCases } from '../ruleTester';
import { constantInitializerCases } from './constant-initializer';
import { deepWithoutNormalizationCases } from './deep-without-normalization';
import { deepWithoutSkipCases } from './deep-without-skip';
import { explodingGradientCases } from './exploding-gradient';
import { highLearningRateCases } from './high-learning-rate';
import { largeInitScaleCases } from './large-init-scale';
import { longSimpleRnnCases } from './long-simple-rnn';
import { missingGradientClippingCases } from './missing-gradient-clipping';
import { outputLossMismatchCases } from './output-loss-mismatch';
import { saturatedActivationCases } from './saturated-activation';
import { tfjsApiTrapCases } from './tfjs-api-trap';
import { vanishingGradientCases } from './vanishing-gradient';

export const ALL_RULE_CASES: readonly RuleCases[] = [
  vanishingGradientCases,
  explodingGradientCases,
  saturatedActivationCases,
  largeInitScaleCases,
  highLearningRateCases,
  missingGradientClippingCases,
  longSimpleRnnCases,
  deepWithoutNormalizationCases,
  deepWithoutSkipCases,
  tfjsApiTrapCases,
  constantInitializerCases,
  outputLossMismatchCases,
];
