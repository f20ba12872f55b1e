/**
 * tfjs-api-trap: code that looks right but fails or silently misbehaves in tfjs 4.22 (DESIGN
 * section 4): activation strings tfjs rejects ('leakyRelu', 'prelu', 'silu'), an object passed as
 * the positional learning rate (`tf.train.adam({learningRate})` makes the object the rate: NaN
 * training), and `optimizer.minimize(f, vars)` where the second parameter is `returnCost`, so every
 * trainable variable is trained instead of `vars`, and a rate assigned to sgd or momentum, which
 * keep theirs in a tensor only setLearningRate() remakes. The wider traps (identifier strings, Keras
 * options compile ignores, factory arguments, layer names, convolutions tfjs cannot run, the
 * depthwise convolutions' kernel options) live in
 * apiTraps/.
 */
import type { Finding, Fix, TextEdit } from '../findings';
import type { FileIR, LayerIR, OptimizerIR, Span, TrainingCallIR, TrainingIR } from '../ir';
import { insertLayerAfterEdits } from '../fixes/insertLayer';
import { depthwiseKernelOptionTraps } from './apiTraps/depthwiseKernelOptions';
import { factoryArgumentTraps } from './apiTraps/factoryArguments';
import { identifierStringTraps, unplacedLayerStringTraps, type SourceContext } from './apiTraps/identifierStrings';
import { ignoredCompileOptionTraps } from './apiTraps/ignoredCompileOptions';
import { layerNameTraps } from './apiTraps/layerNames';
import { unsupportedConvolutionTraps } from './apiTraps/unsupportedConvolutions';
import { isVariableList } from './apiTraps/variableList';
import { onlyLiteralOf, stringLiteralValue } from './apiTraps/literals';
import { removePropertyEdit, setPropertyEdit } from '../fixes/layerProps';
import { quoted } from '../fixes/sourceStyle';
import { ACTIVATION_TRAPS } from '../tfjs/activations';
import { CONVENTIONAL_LEARNING_RATE, isOptimizerName, keepsRateInTensor } from '../tfjs/optimizers';
import { rateText } from './format';
import { SpanSet, setupRelated } from './modelFacts';
import type { Rule } from './rule';

type RuleFinding = Omit<Finding, 'severity'>;

export const messages = {
  activation: (layer: string, note: string) => `${layer}: ${note} (tfjs throws when the layer is constructed).`,
  objectRate: (callee: string) =>
    `${callee} takes the learning rate as a positional number; the object passed here silently becomes the learning rate and training produces NaN.`,
  ignoredRateAssignment: (optimizer: string, rate: number | undefined) =>
    `tfjs's ${optimizer} optimizer keeps its learning rate in a tensor that only setLearningRate() updates: assigning learningRate changes nothing, and every step still uses ${rate === undefined ? 'the rate it was created with' : `the rate it was created with, ${rateText(rate)}`}.`,
  minimize: (variables: string) =>
    `The second parameter of optimizer.minimize is returnCost, not the variable list: ${variables} is ignored and every trainable variable is updated. Pass it third: minimize(f, returnCost, ${variables}).`,
};

/**
 * The fix of an activation string that names a layer: 'swish' for 'silu'; for the others the
 * layer, inserted after this one in its model (`inModel`), which a layer outside any model has not.
 */
function activationFix(context: SourceContext, layer: LayerIR, written: string, inModel: boolean): Fix | undefined {
  const { text, file } = context;
  const trap = ACTIVATION_TRAPS[written];
  if (trap.layer === 'activation') {
    const edit = swishEdit(context, layer, written);
    return edit ? { title: "Use 'swish' (the same function as silu)", preferred: true, edits: [edit] } : undefined;
  }
  if (!inModel) return undefined;
  const remove = removePropertyEdit(text, layer, 'activation');
  const insert = insertLayerAfterEdits(text, file, layer, trap.layer);
  if (!remove || !insert) return undefined;
  const edits: TextEdit[] = [remove, ...insert];
  return { title: `Use a tf.layers.${trap.layer}() layer after ${layer.name}`, preferred: true, edits };
}

/** 'swish' where the string is written: in the layer's config, else at its one literal in the file (`activation: opts.act`). */
function swishEdit({ text, file }: SourceContext, layer: LayerIR, written: string): TextEdit | undefined {
  const prop = layer.props.activation;
  if (prop && stringLiteralValue(text, prop.valueSpan) === undefined) {
    const origin = onlyLiteralOf(text, written);
    // In the literal's own quotes.
    return origin ? { ...origin, newText: `${text[origin.start]}swish${text[origin.start]}` } : undefined;
  }
  return setPropertyEdit(text, layer, 'activation', quoted(text, file, 'swish'));
}

function activationTraps(context: SourceContext, layers: readonly LayerIR[], inModel: boolean): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const reported = new SpanSet();
  for (const layer of layers) {
    const written = layer.activation;
    const prop = layer.props.activation;
    if (written === undefined || !prop || !(written in ACTIVATION_TRAPS) || !reported.add(prop.valueSpan)) continue;
    const fix = activationFix(context, layer, written, inModel);
    findings.push({
      rule: 'tfjs-api-trap',
      message: messages.activation(layer.name, ACTIVATION_TRAPS[written].note),
      span: prop.valueSpan,
      related: [],
      fixes: fix ? [fix] : [],
    });
  }
  return findings;
}

/** `learningRate: <expr>` inside the object literal, as written. */
function learningRateInObject(objectText: string): string | undefined {
  return /\blearningRate\s*:\s*([^,}]+)/.exec(objectText)?.[1].trim();
}

function objectLearningRate(text: string, training: TrainingIR | undefined): RuleFinding[] {
  const optimizer = training?.optimizer;
  if (!optimizer || optimizer.learningRateSource !== 'object' || !optimizer.lrSpan) return [];
  const written = learningRateInObject(text.slice(optimizer.lrSpan.start, optimizer.lrSpan.end));
  const replacement = written ?? (isOptimizerName(optimizer.name) ? String(CONVENTIONAL_LEARNING_RATE[optimizer.name]) : undefined);
  const callee = writtenCallee(text, optimizer);
  // A class constructor (`new tf.AdamOptimizer`) also requires beta1, beta2, ... that the object never stated.
  const fixes: Fix[] = replacement && !callee.startsWith('new ')
    ? [{ title: `Pass the learning rate positionally: ${optimizer.name}(${replacement})`, preferred: true, edits: [{ ...optimizer.lrSpan, newText: replacement }] }]
    : [];
  return [{ rule: 'tfjs-api-trap', message: messages.objectRate(callee), span: optimizer.lrSpan, related: setupRelated(training), fixes }];
}

/** The optimizer's callee as written (`tf.train.adam`, `train.adam`, `new tf.AdamOptimizer`), spaces tidied; a name holding a factory says which. */
function writtenCallee(text: string, optimizer: OptimizerIR): string {
  if (optimizer.foreign) return `tf.train.${optimizer.name}`;
  const open = text.indexOf('(', optimizer.span.start);
  const written = open < 0 || open > optimizer.span.end ? '' : text.slice(optimizer.span.start, open);
  const tidied = written.replace(/\s*\.\s*/g, '.').replace(/\s+/g, ' ').trim();
  if (!tidied) return `tf.train.${optimizer.name}`;
  // A factory picked by name (`const factory = tf.train[name]`): say which one it is.
  return /train\.|Optimizer\b/.test(tidied) ? tidied : `${tidied} (tf.train.${optimizer.name})`;
}

function minimizeTrap(text: string, file: FileIR, call: TrainingCallIR): RuleFinding | undefined {
  if (call.kind !== 'minimize' || call.argSpans.length !== 2) return undefined;
  const second = call.argSpans[1];
  const argument = text.slice(second.start, second.end).trim();
  if (!isVariableList(text, file, argument)) return undefined;
  // minimize(f, vars) returned the cost (a non-empty array is truthy); keep that when it is used.
  const before = text.slice(0, call.span.start).trimEnd();
  const resultUsed = /(=|return|\(|,|await|:|\?)$/.test(before);
  return {
    rule: 'tfjs-api-trap',
    message: messages.minimize(argument),
    span: second,
    related: [],
    fixes: [{ title: `Pass the variables third: minimize(f, ${resultUsed}, ${argument})`, preferred: true, edits: [{ start: second.start, end: second.start, newText: `${resultUsed}, ` }] }],
  };
}

function minimizeTraps(text: string, file: FileIR, training: TrainingIR | undefined): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const call of training?.calls ?? []) {
    const finding = minimizeTrap(text, file, call);
    if (finding) findings.push(finding);
  }
  return findings;
}

/** `receiver.learningRate = value` or `receiver.learningRate op= value`, as written. */
const RATE_ASSIGNMENT = /^([\s\S]+)\.learningRate\s*([-+*/])?=\s*([\s\S]+?);?$/;

/** `opt.setLearningRate(value)` for `opt.learningRate = value`, `opt.setLearningRate(opt.learningRate * f)` for `*= f`. */
function setLearningRateEdit(text: string, span: Span): TextEdit | undefined {
  const match = RATE_ASSIGNMENT.exec(text.slice(span.start, span.end));
  if (!match) return undefined;
  const [, receiver, operator, value] = match;
  const newRate = operator ? `${receiver}.learningRate ${operator} ${value}` : value;
  return { start: span.start, end: span.end, newText: `${receiver}.setLearningRate(${newRate})` };
}

/** An assignment to `learningRate` of an optimizer that keeps its rate in a tensor (sgd, momentum) changes nothing. */
function ignoredRateAssignments(text: string, training: TrainingIR | undefined): RuleFinding[] {
  const optimizer = training?.optimizer;
  if (!optimizer?.rateAssignments || !keepsRateInTensor(optimizer.name)) return [];
  return optimizer.rateAssignments.map((span) => {
    const edit = setLearningRateEdit(text, span);
    return {
      rule: 'tfjs-api-trap',
      message: messages.ignoredRateAssignment(optimizer.name, optimizer.learningRate),
      span,
      related: [{ span: optimizer.span, message: `the ${optimizer.name} optimizer is created here` }],
      fixes: edit ? [{ title: 'Call setLearningRate() instead', preferred: true, edits: [edit] }] : [],
    };
  });
}

/** The traps in how training is set up: they need no model (FileIR.detachedTraining has them too). */
function trainingTraps(text: string, file: FileIR, training: TrainingIR | undefined): RuleFinding[] {
  return [...objectLearningRate(text, training), ...minimizeTraps(text, file, training), ...ignoredRateAssignments(text, training)];
}

export const tfjsApiTrap: Rule = {
  meta: {
    id: 'tfjs-api-trap',
    description: 'tfjs API misuse that throws or silently trains wrong: identifier strings tfjs does not resolve, Keras options compile ignores, a number where a config belongs, an object as learning rate, a rate assigned to sgd, minimize(f, vars).',
    defaultSeverity: 'error',
    type: 'problem',
  },
  check(context) {
    return [
      ...activationTraps(context, context.model.layers, true),
      ...trainingTraps(context.text, context.file, context.model.training),
      ...identifierStringTraps(context),
      ...layerNameTraps(context),
      ...(context.model.training ? ignoredCompileOptionTraps({ text: context.text, file: context.file, training: context.model.training }) : []),
      ...factoryArgumentTraps(context, context.model),
      ...unsupportedConvolutionTraps(context.text, context.file, context.model),
      ...depthwiseKernelOptionTraps(context.text, context.model.layers),
    ];
  },
  checkTraining({ text, file, training }) {
    return [...trainingTraps(text, file, training), ...ignoredCompileOptionTraps({ text, file, training })];
  },
  checkLayers(context) {
    return [...activationTraps(context, context.layers, false), ...unplacedLayerStringTraps(context), ...depthwiseKernelOptionTraps(context.text, context.layers)];
  },
};
