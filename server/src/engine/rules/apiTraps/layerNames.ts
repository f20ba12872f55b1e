/**
 * tfjs-api-trap, layer names: tfjs names a layer's weights and output tensors after the layer
 * (`hidden layer/kernel`, `drop out_input`) and accepts only names that match
 * /^[A-Za-z0-9][-A-Za-z0-9._/]*$/ (tfjs-layers 4.22 common.ts isValidTensorName), so a name with
 * a space, an accented letter or a leading underscore throws "Not a valid tensor name" when the
 * layer joins a model. Verified by running tfjs: a dense layer named 'hidden layer', 'saída' or
 * '_x', and a dropout named 'drop out', each throw in a sequential model; 'ok-name.1/a' builds.
 */
import type { Finding } from '../../findings';
import type { LayerIR } from '../../ir';
import { quoted } from '../../fixes/sourceStyle';
import { SpanSet } from '../modelFacts';
import type { ModelContext } from '../rule';
import { onlyLiteralOf } from './literals';

type RuleFinding = Omit<Finding, 'severity'>;

const TENSOR_NAME = /^[A-Za-z0-9][-A-Za-z0-9._/]*$/;

export const messages = {
  invalidName: (name: string) =>
    `Layer name '${name}' is not a tensor name tfjs accepts (a letter or digit, then letters, digits, '-', '.', '_' or '/'): tfjs names the layer's weights and outputs after it and throws "Not a valid tensor name" when the layer joins a model.`,
};

/** The closest name tfjs accepts: accents dropped, other characters as '_', no leading separator. */
export function validTensorName(name: string): string {
  const plain = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const replaced = plain.replace(/[^-A-Za-z0-9._/]+/g, '_').replace(/^[-._/]+/, '');
  return replaced === '' ? 'layer' : replaced;
}

function nameFinding(context: ModelContext, layer: LayerIR, taken: ReadonlySet<string>): RuleFinding | undefined {
  const prop = layer.props.name;
  if (!prop || TENSOR_NAME.test(layer.name)) return undefined;
  const { text, file } = context;
  const renamed = validTensorName(layer.name);
  // The literal written once is the one to rename; a name written twice (also read by getLayer) or taken by another layer is left to the user.
  const origin = onlyLiteralOf(text, layer.name);
  const fixes = origin && !taken.has(renamed) ? [{ title: `Rename the layer '${renamed}'`, preferred: true, edits: [{ ...origin, newText: quoted(text, file, renamed) }] }] : [];
  const related = origin && (origin.start !== prop.valueSpan.start || origin.end !== prop.valueSpan.end) ? [{ span: origin, message: `'${layer.name}' is written here` }] : [];
  return { rule: 'tfjs-api-trap', message: messages.invalidName(layer.name), span: prop.valueSpan, related, fixes };
}

/** One finding per layer whose written name tfjs rejects. */
export function layerNameTraps(context: ModelContext): RuleFinding[] {
  const layers = context.model.layers;
  const taken = new Set(layers.map((layer) => layer.name));
  const reported = new SpanSet();
  const findings: RuleFinding[] = [];
  for (const layer of layers) {
    const finding = nameFinding(context, layer, taken);
    if (finding && reported.add(finding.span)) findings.push(finding);
  }
  return findings;
}
