/**
 * output-loss-mismatch: the model's output activation and the loss it is trained with fight each
 * other (tfjs 4.22 loss semantics in tfjs/losses.ts). Reported on the loss (the string, the
 * function reference or the `tf.losses.x(...)` call), with the output activation as related
 * information; softmax over a single unit is reported on the activation, loss or not.
 *
 * Fixes change the activation or the loss so the pair agrees, preferring the side that keeps the
 * user's labels valid: one-hot labels stay one-hot (softmax + categoricalCrossentropy), 0/1 labels
 * stay 0/1 (sigmoid + binaryCrossentropy).
 */
import type { Fix, RelatedInfo, TextEdit } from '../findings';
import type { LayerIR, LossIR, ModelIR } from '../ir';
import { coreActivationEdit } from '../fixes/coreActivation';
import { removePropertyEdit, setPropertyEdit } from '../fixes/layerProps';
import { quoted, tfjsReferences } from '../fixes/sourceStyle';
import { effectiveActivation, hasKernel } from '../tfjs/layers';
import { isKnownSize } from '../flow/unknowns';
import { lossExpectation, lossLabel, NON_POSITIVE_OUTPUT_ACTIVATIONS } from '../tfjs/losses';
import { kernelLayers, SpanSet } from './modelFacts';
import type { ModelContext, Rule, RuleFinding } from './rule';

export const messages = {
  softmaxOneUnit: (layer: string) =>
    `${layer}: softmax over a single unit is always 1, so the output is constant and no gradient reaches the model; a one-unit probability is a sigmoid.`,
  normalizedOneUnit: (loss: string, layer: string) =>
    `${loss} divides each output row by its sum, and ${layer} has a single output unit: the prediction is always 1, the loss constant and the gradient zero.`,
  normalizedNonPositive: (loss: string, layer: string, activation: string) =>
    `${loss} divides each output row by its sum, but ${layer} outputs ${activation === 'relu' || activation === 'relu6' ? `${activation} values: a row of zeros divides 0 by 0 and the loss is NaN` : `${activation} values that can be negative: the row sum can be 0 or negative, giving NaN or probabilities of the wrong sign`}; it expects softmax probabilities.`,
  doubleSquash: (loss: string, layer: string, activation: string, applied: string) =>
    `${loss} applies ${applied} to its input itself, but ${layer} already outputs ${activation} probabilities: the loss sees ${applied}(${activation}(z)), which squeezes every prediction towards uniform and shrinks the gradient; it expects logits (a linear output).`,
  binaryOnSoftmax: (loss: string, layer: string, units: number) =>
    `${loss} scores each of the ${units} softmax units of ${layer} as an independent yes/no, while softmax makes them compete: with one-hot labels the loss and the 'accuracy' it reports are not the categorical ones, and labels with several 1s per row (multi-label) cannot be reached at all (a softmax row sums to 1).`,
  binaryOnSoftmaxOfUnknownWidth: (loss: string, layer: string) =>
    `${loss} scores each unit of the softmax output ${layer} (its width is not known statically) as an independent yes/no, while softmax makes its units compete: labels with several 1s per row cannot be reached (a softmax row sums to 1), and over one unit softmax is the constant 1, whose gradient is zero. Whatever the width, sigmoid units are what this loss expects.`,
  sharedLoss: (layer: string) =>
    ` The loss of ${layer} is written once for other outputs too (a loop fills the loss dict, or code builds the loss list), so no automatic fix edits it: give this output its own loss.`,
  sharedActivation: (layer: string) =>
    ` The activation of ${layer} is written once for other layers too (one config in a loop or a helper function builds them), so no automatic fix is offered: give the output layer its own activation.`,
  swapped: (loss: string, layer: string, partnerLoss: string, partner: string) =>
    ` The loss list looks out of the outputs' order: ${partnerLoss}, written for ${partner}, fits ${layer}, and ${loss} fits ${partner}.`,
  squaredErrorSaturating: (loss: string, layer: string, activation: string) =>
    `${loss} on the ${activation} output of ${layer}: the gradient is the error times ${activation}'s slope (at most ${activation === 'softmax' ? 'p(1 − p)' : '1/4'}), which vanishes exactly when the output is confidently wrong; crossentropy cancels that slope.`,
};

export interface OutputHead {
  /** The layer that applies the output activation (the one a fix edits). */
  layer: LayerIR;
  activation: string;
  units?: number;
}

/** Through dropout, which changes neither the activation nor the width. */
function throughDropout(model: ModelIR, layer: LayerIR | undefined): LayerIR | undefined {
  let current = layer;
  while (current?.kind === 'dropout' && current.inputs.length === 1) current = model.layers[current.inputs[0]];
  return current;
}

/** The single output's activation and width; undefined when any part of it is not known. */
export function outputHead(model: ModelIR): OutputHead | undefined {
  return model.outputs.length === 1 ? outputHeadAt(model, 0) : undefined;
}

/** The activation and width of the output at `position` in `model.outputs`. */
export function outputHeadAt(model: ModelIR, position: number): OutputHead | undefined {
  return headOf(model, model.outputs[position]);
}

/** A layer's width as the flow reads it: a width no layer can have (0, from a list that is empty in this run) is unknown. */
function knownUnits(layer: LayerIR): number | undefined {
  return isKnownSize(layer.units) ? layer.units : undefined;
}

/** The activation and width of the output that layer `output` produces; undefined when any part of it is not known. */
function headOf(model: ModelIR, output: number): OutputHead | undefined {
  const layer = throughDropout(model, model.layers[output]);
  if (!layer || layer.unresolved.includes('activation')) return undefined;
  if (hasKernel(layer.kind)) return { layer, activation: effectiveActivation(layer), units: knownUnits(layer) };
  if ((layer.kind === 'activation' && layer.activation !== undefined) || layer.kind === 'softmax') {
    const before = layer.inputs.length === 1 ? throughDropout(model, model.layers[layer.inputs[0]]) : undefined;
    const units = before && hasKernel(before.kind) ? knownUnits(before) : undefined;
    return { layer, activation: layer.kind === 'softmax' ? 'softmax' : (layer.activation as string), units };
  }
  return undefined;
}

/**
 * The losses that train the output at `position` in `model.outputs`: a loss for every output, or
 * the one listed at its position, or keyed by its name (only a name written in the layer config:
 * an auto name depends on every layer tfjs created before, in any model).
 */
export function lossesOfOutput(model: ModelIR, position: number): LossIR[] {
  const layer = model.layers[model.outputs[position]];
  const writtenName = layer && layer.props.name !== undefined && !layer.unresolved.includes('name') ? layer.name : undefined;
  return (model.training?.losses ?? []).filter((loss) => {
    if (loss.output !== undefined) return loss.output === position;
    if (loss.outputName !== undefined) return loss.outputName === writtenName;
    return true;
  });
}

/**
 * Whether other layers of the model are written by the same text as the head's `activation` (a
 * layer built in a loop over sizes that include the output's): editing it would change them too.
 */
function activationWrittenForOthers(model: ModelIR, head: LayerIR): boolean {
  const written = head.props.activation?.valueSpan;
  return model.layers.some((layer) => {
    if (layer === head) return false;
    const other = layer.props.activation?.valueSpan;
    if (written) return other !== undefined && other.start === written.start && other.end === written.end;
    return !layer.props.activation && layer.configSpan !== undefined && layer.configSpan.start === head.configSpan?.start;
  });
}

function activationEdit(context: ModelContext, head: OutputHead, activation: string): TextEdit | undefined {
  const { text, file } = context;
  if (head.layer.kind === 'softmax' || activationWrittenForOthers(context.model, head.layer)) return undefined;
  if (head.layer.placement.kind === 'core') {
    const written = head.layer.props.activation;
    return written && coreActivationEdit(text, written, activation);
  }
  if (activation === 'linear' && head.layer.kind !== 'activation') return removePropertyEdit(text, head.layer, 'activation');
  return setPropertyEdit(text, head.layer, 'activation', quoted(text, file, activation));
}

/** Whether the loss's text also gives other outputs their loss (one expression in a loop that fills a loss dict). */
function lossWrittenForOthers(model: ModelIR, loss: LossIR): boolean {
  return (model.training?.losses ?? []).some(
    (other) => other !== loss && other.span.start === loss.span.start && other.span.end === loss.span.end && (other.outputName !== loss.outputName || other.output !== loss.output),
  );
}

/**
 * Compile losses (string or function reference) are replaced by a compile string; calls are not
 * rewritten, nor a loss written once for several outputs (the edit would change theirs too).
 */
function lossEdit(context: ModelContext, loss: LossIR, name: string): TextEdit | undefined {
  return lossValueEdit(context, loss, quoted(context.text, context.file, name));
}

/** The loss written as `valueText`; `compile({ optimizer, loss })` becomes `{ optimizer, loss: value }`, not `{ optimizer, value }`. */
function lossValueEdit(context: ModelContext, loss: LossIR, valueText: string): TextEdit | undefined {
  if (loss.form === 'call' || lossWrittenForOthers(context.model, loss)) return undefined;
  return { ...loss.span, newText: loss.shorthand ? `loss: ${valueText}` : valueText };
}

/**
 * `loss: tf.losses.softmaxCrossEntropy` in `compile` (labels first, as tfjs calls a loss
 * function), written in the file's style. Not in a list or dict of strings: tfjs's types take
 * strings or functions there, not both.
 */
function logitsLossEdits(context: ModelContext, loss: LossIR): (TextEdit | undefined)[] {
  if (loss.output !== undefined || loss.outputName !== undefined) return [undefined];
  const { refs, importEdit } = tfjsReferences(context.text, context.file, ['losses']);
  const edit = lossValueEdit(context, loss, `${refs.losses}.softmaxCrossEntropy`);
  return edit ? [edit, ...(importEdit ? [importEdit] : [])] : [undefined];
}

function fixOf(title: string, edits: (TextEdit | undefined)[]): Fix[] {
  if (edits.some((edit) => edit === undefined)) return [];
  return [{ title, preferred: true, edits: edits as TextEdit[] }];
}

function headRelated(head: OutputHead): RelatedInfo[] {
  const span = head.layer.props.activation?.valueSpan ?? head.layer.span;
  return [{ span, message: `output activation of ${head.layer.name}: ${head.activation}` }];
}

/** `losses`: all the losses of the head's output (another phase's training may read it as logits). */
function lossFinding(context: ModelContext, head: OutputHead, loss: LossIR, losses: readonly LossIR[]): RuleFinding | undefined {
  const expectation = lossExpectation(loss);
  const label = lossLabel(loss);
  const { layer, activation, units } = head;
  const shared = activationWrittenForOthers(context.model, layer);
  const sharedLoss = lossWrittenForOthers(context.model, loss);
  const at = (message: string, fixes: Fix[], soft = false): RuleFinding => ({
    rule: 'output-loss-mismatch',
    message: message + (sharedLoss && !fixes.some((fix) => fix.preferred) ? messages.sharedLoss(layer.name) : '') + (fixes.length === 0 && shared ? messages.sharedActivation(layer.name) : ''),
    span: loss.span, related: headRelated(head), fixes, ...(soft ? { soft } : {}),
  });
  if (expectation === 'normalizedProbabilities') {
    if (units === 1 && activation !== 'softmax') {
      const edits = activation === 'sigmoid' ? [lossEdit(context, loss, 'binaryCrossentropy')] : [activationEdit(context, head, 'sigmoid'), lossEdit(context, loss, 'binaryCrossentropy')];
      return at(messages.normalizedOneUnit(label, layer.name), fixOf("Use a sigmoid output with 'binaryCrossentropy'", edits));
    }
    if (units !== 1 && NON_POSITIVE_OUTPUT_ACTIVATIONS.has(activation)) {
      // A softmax head would break a loss another phase computes on its logits (tf.losses.softmaxCrossEntropy).
      const readAsLogits = losses.some((other) => other !== loss && lossExpectation(other) === 'softmaxLogits');
      const softmax = readAsLogits ? undefined : activationEdit(context, head, 'softmax');
      // Where the head cannot be edited (written in another file, or shared), logits keep one-hot labels valid too.
      const fixes = softmax
        ? fixOf(`Use a softmax output on ${layer.name}`, [softmax])
        : activation === 'linear' ? fixOf(`Use tf.losses.softmaxCrossEntropy (${layer.name} outputs logits)`, logitsLossEdits(context, loss)) : [];
      return at(messages.normalizedNonPositive(label, layer.name, activation), fixes);
    }
  }
  if ((expectation === 'softmaxLogits' || expectation === 'sigmoidLogits') && (activation === 'softmax' || activation === 'sigmoid')) {
    const applied = expectation === 'softmaxLogits' ? 'softmax' : 'sigmoid';
    return at(messages.doubleSquash(label, layer.name, activation, applied), fixOf(`Output logits from ${layer.name} (linear activation)`, [activationEdit(context, head, 'linear')]));
  }
  if (expectation === 'unitProbabilities' && activation === 'softmax' && units !== undefined && units > 1) {
    // One-hot labels keep their meaning with categoricalCrossentropy (preferred); multi-label rows need sigmoid units.
    const sigmoid = activationEdit(context, head, 'sigmoid');
    const alternative: Fix[] = sigmoid ? [{ title: `Use a sigmoid output on ${layer.name} (labels with several 1s per row)`, preferred: false, edits: [sigmoid] }] : [];
    const categorical = fixOf("Use 'categoricalCrossentropy'", [lossEdit(context, loss, 'categoricalCrossentropy')]);
    return at(messages.binaryOnSoftmax(label, layer.name, units), [...categorical, ...alternative]);
  }
  if (expectation === 'unitProbabilities' && activation === 'softmax' && units === undefined) {
    // One unit or many, the pair is wrong; sigmoid units suit the loss and its labels at any width.
    return at(messages.binaryOnSoftmaxOfUnknownWidth(label, layer.name), fixOf(`Use a sigmoid output on ${layer.name}`, [activationEdit(context, head, 'sigmoid')]));
  }
  if (expectation === 'squaredError' && (activation === 'sigmoid' || activation === 'softmax')) {
    const { saturatingOutputMseLayers, saturatingOutputMseUnits } = context.settings.thresholds;
    const severe = kernelLayers(context.model).length >= saturatingOutputMseLayers || (units ?? 0) >= saturatingOutputMseUnits;
    const replacement = activation === 'sigmoid' ? 'binaryCrossentropy' : 'categoricalCrossentropy';
    return at(messages.squaredErrorSaturating(label, layer.name, activation), fixOf(`Use '${replacement}'`, [lossEdit(context, loss, replacement)]), !severe);
  }
  return undefined;
}

/** Whether `loss` is the one `head`'s activation is made for (the pairs this rule's fixes produce). */
function fits(head: OutputHead, loss: LossIR): boolean {
  const several = head.units !== undefined && head.units > 1;
  switch (lossExpectation(loss)) {
    case 'normalizedProbabilities': return head.activation === 'softmax' && several;
    case 'unitProbabilities': return head.activation === 'sigmoid';
    case 'softmaxLogits': return head.activation === 'linear' && several;
    case 'sigmoidLogits': return head.activation === 'linear';
    case 'squaredError': return head.activation !== 'sigmoid' && head.activation !== 'softmax';
    default: return false;
  }
}

/** The one loss of a compile list or dict that trains output `position`, when its text is its own (no call, no loop). */
function ownListedLoss(model: ModelIR, position: number): LossIR | undefined {
  const losses = lossesOfOutput(model, position);
  if (losses.length !== 1) return undefined;
  const [loss] = losses;
  const listed = loss.output !== undefined || loss.outputName !== undefined;
  return listed && loss.form !== 'call' && !lossWrittenForOthers(model, loss) ? loss : undefined;
}

/** The two losses' texts exchanged: whole members for losses listed as an object's members (their order is the list's). */
function swapEdits(text: string, loss: LossIR, partner: LossIR): TextEdit[] {
  const [a, b] = loss.memberSpan && partner.memberSpan ? [loss.memberSpan, partner.memberSpan] : [loss.span, partner.span];
  return [
    { ...a, newText: text.slice(b.start, b.end) },
    { ...b, newText: text.slice(a.start, a.end) },
  ];
}

/**
 * Outputs reordered and their losses not (or the reverse): the mismatched loss fits another
 * output whose own loss fits this one, so swapping the two texts is the fix that keeps both heads'
 * labels valid. Preferred over the single-loss fixes, which stay as alternatives.
 */
function withSwap(context: ModelContext, position: number, head: OutputHead, loss: LossIR, finding: RuleFinding): RuleFinding {
  const { model, text } = context;
  if (ownListedLoss(model, position) !== loss) return finding;
  for (let other = 0; other < model.outputs.length; other++) {
    const partnerHead = other === position ? undefined : outputHeadAt(model, other);
    const partnerLoss = partnerHead && ownListedLoss(model, other);
    if (!partnerHead || !partnerLoss || !fits(head, partnerLoss) || !fits(partnerHead, loss)) continue;
    const swap: Fix = {
      title: `Swap the losses of ${head.layer.name} and ${partnerHead.layer.name}`,
      preferred: true,
      edits: swapEdits(text, loss, partnerLoss),
    };
    return {
      ...finding,
      message: finding.message + messages.swapped(lossLabel(loss), head.layer.name, lossLabel(partnerLoss), partnerHead.layer.name),
      fixes: [swap, ...finding.fixes.map((fix) => ({ ...fix, preferred: false }))],
    };
  }
  return finding;
}

/**
 * Softmax over one unit: the activation is reported, and the fix makes any loss that normalizes
 * agree. Trained only by a squared error, the unit is a regression's: a linear output keeps its
 * labels valid, where a sigmoid would bound them and slow the squared error's gradient.
 */
function softmaxOneUnit(context: ModelContext, head: OutputHead, losses: LossIR[]): RuleFinding | undefined {
  if (head.activation !== 'softmax' || head.units !== 1) return undefined;
  const lossEdits = losses.filter((loss) => lossExpectation(loss) === 'normalizedProbabilities').map((loss) => lossEdit(context, loss, 'binaryCrossentropy'));
  const span = head.layer.props.activation?.valueSpan ?? head.layer.span;
  const sigmoid = fixOf('Use a sigmoid output' + (lossEdits.length > 0 ? " with 'binaryCrossentropy'" : ''), [activationEdit(context, head, 'sigmoid'), ...lossEdits]);
  const regression = losses.length > 0 && losses.every((loss) => lossExpectation(loss) === 'squaredError');
  const linear = regression ? fixOf('Use a linear output (a regression)', [activationEdit(context, head, 'linear')]) : [];
  return {
    rule: 'output-loss-mismatch',
    message: messages.softmaxOneUnit(head.layer.name),
    span,
    related: losses.map((loss) => ({ span: loss.span, message: `trained with ${lossLabel(loss)}` })),
    fixes: linear.length > 0 ? [...linear, ...sigmoid.map((fix) => ({ ...fix, preferred: false }))] : sigmoid,
  };
}

/** Each output of the model with the losses that train it. */
function outputFindings(context: ModelContext, position: number): RuleFinding[] {
  const head = outputHeadAt(context.model, position);
  if (!head) return [];
  const losses = lossesOfOutput(context.model, position);
  const oneUnit = softmaxOneUnit(context, head, losses);
  if (oneUnit) return [oneUnit];
  return losses.flatMap((loss) => {
    const finding = lossFinding(context, head, loss, losses);
    return finding ? [withSwap(context, position, head, loss, finding)] : [];
  });
}

export const outputLossMismatch: Rule = {
  meta: {
    id: 'output-loss-mismatch',
    description: 'The output activation and the loss fight each other (NaN, constant output, double softmax, vanishing gradient).',
    defaultSeverity: 'warning',
    type: 'problem',
  },
  check(context) {
    const findings: RuleFinding[] = [];
    const reported = new SpanSet();
    context.model.outputs.forEach((_, position) => {
      for (const finding of outputFindings(context, position)) {
        if (reported.add(finding.span)) findings.push(finding);
      }
    });
    return findings;
  },
};
