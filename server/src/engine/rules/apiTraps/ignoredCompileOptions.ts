/**
 * tfjs-api-trap, Keras options in `compile`: tfjs's `LayersModel.compile` reads `optimizer`,
 * `loss` and `metrics` only (tfjs-layers 4.22 engine/training.ts); anything else (`clipnorm`,
 * `clipValue`, `lr`, `decay`, ...) is silently ignored, so the model trains unclipped at the
 * optimizer's own rate. Verified by running tfjs: `compile({optimizer: 'sgd', lr: 0.1})` leaves
 * the learning rate at 0.01.
 */
import type { Finding, Fix } from '../../findings';
import type { PropIR, TrainingIR } from '../../ir';
import type { TrainingContext } from '../rule';
import { wrapOptimizerWithClippingEdits } from '../../fixes/clipping';
import { removePropertyEdit } from '../../fixes/layerProps';
import { tfjsReferences } from '../../fixes/sourceStyle';
import { isOptimizerName } from '../../tfjs/optimizers';
import { rateText } from '../format';

type RuleFinding = Omit<Finding, 'severity'>;

const READ_BY_COMPILE = new Set(['optimizer', 'loss', 'metrics']);
const LEARNING_RATE_KEYS = new Set(['lr', 'learningRate', 'learning_rate']);
const CLIP_NORM_KEYS = new Set(['clipnorm', 'clipNorm', 'global_clipnorm', 'globalClipnorm']);
const CLIP_VALUE_KEYS = new Set(['clipvalue', 'clipValue']);

export const messages = {
  ignored: (key: string, consequence: string) =>
    `tfjs's model.compile reads only optimizer, loss and metrics: '${key}' is silently ignored${consequence ? `, ${consequence}` : ''}.`,
};

function consequenceOf(key: string, training: TrainingIR): string {
  const optimizer = training.optimizer;
  if (LEARNING_RATE_KEYS.has(key)) {
    return optimizer?.learningRate !== undefined ? `so training runs at the optimizer's learning rate ${rateText(optimizer.learningRate)}` : "so training runs at the optimizer's own learning rate";
  }
  if (CLIP_NORM_KEYS.has(key) || CLIP_VALUE_KEYS.has(key)) return 'so nothing clips the gradients (tfjs has no clipping option anywhere)';
  if (key === 'decay') return 'and tfjs optimizers have no learning-rate decay';
  return '';
}

function numberValue(text: string, prop: PropIR): number | undefined {
  const written = text.slice(prop.valueSpan.start, prop.valueSpan.end).trim();
  const value = Number(written);
  return written !== '' && Number.isFinite(value) ? value : undefined;
}

/** `optimizer: 'adam', lr: 0.01` → `optimizer: tf.train.adam(0.01)`. */
function learningRateFix(setup: TrainingSetup, prop: PropIR, key: string): Fix | undefined {
  const { text, file, training } = setup;
  const optimizer = training.optimizer;
  const rate = numberValue(text, prop);
  const remove = removePropertyEdit(text, { props: { [key]: prop } }, key);
  if (!optimizer || optimizer.foreign || optimizer.form !== 'string' || !isOptimizerName(optimizer.name) || optimizer.name === 'momentum' || rate === undefined || !remove) return undefined;
  const { refs, importEdit } = tfjsReferences(text, file, ['train']);
  const call = `${refs.train}.${optimizer.name}(${text.slice(prop.valueSpan.start, prop.valueSpan.end).trim()})`;
  const edits = [...(importEdit ? [importEdit] : []), { start: optimizer.span.start, end: optimizer.span.end, newText: call }, remove];
  return { title: `Pass the learning rate to the optimizer: ${call}`, preferred: true, edits };
}

/** `clipnorm: 5` → the optimizer wrapped by the global-norm clipping helper with maxNorm 5. */
function clipNormFix(setup: TrainingSetup, prop: PropIR, key: string): Fix | undefined {
  const { text, file, training } = setup;
  const optimizer = training.optimizer;
  const maxNorm = numberValue(text, prop);
  const remove = removePropertyEdit(text, { props: { [key]: prop } }, key);
  if (!optimizer || maxNorm === undefined || !(maxNorm > 0) || !remove) return undefined;
  const wrap = wrapOptimizerWithClippingEdits(text, file, optimizer, maxNorm);
  return wrap ? { title: `Clip the gradients to global norm ${maxNorm} with a helper around the optimizer`, preferred: true, edits: [...wrap, remove] } : undefined;
}

function removeFix(text: string, prop: PropIR, key: string): Fix | undefined {
  const edit = removePropertyEdit(text, { props: { [key]: prop } }, key);
  return edit ? { title: `Remove '${key}' (tfjs ignores it)`, preferred: false, edits: [edit] } : undefined;
}

/** The file and the training a compile set up (a model's, or a loaded model's). */
type TrainingSetup = Pick<TrainingContext, 'text' | 'file' | 'training'>;

export function ignoredCompileOptionTraps(setup: TrainingSetup): RuleFinding[] {
  const compile = setup.training.compile;
  if (!compile) return [];
  const findings: RuleFinding[] = [];
  for (const key in compile.props) {
    if (READ_BY_COMPILE.has(key)) continue;
    const prop = compile.props[key];
    const preferred = LEARNING_RATE_KEYS.has(key) ? learningRateFix(setup, prop, key) : CLIP_NORM_KEYS.has(key) ? clipNormFix(setup, prop, key) : undefined;
    const removal = removeFix(setup.text, prop, key);
    const fixes = [preferred, removal].filter((fix): fix is Fix => fix !== undefined);
    findings.push({ rule: 'tfjs-api-trap', message: messages.ignored(key, consequenceOf(key, setup.training)), span: prop.span, related: [], fixes });
  }
  return findings;
}
