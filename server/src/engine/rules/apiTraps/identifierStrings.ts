/**
 * tfjs-api-trap, identifier strings: an activation, initializer, regularizer or constraint string
 * in a layer config, or a loss, optimizer or metric string in `compile`, that tfjs does not
 * resolve (it throws "Unknown ..." when the layer is constructed or the model compiled), with the
 * tfjs spelling or export meant. The activation strings that name a layer ('leakyRelu', 'prelu',
 * 'silu') keep their own finding, which inserts the layer (tfjsApiTrap.ts).
 */
import type { Finding, Fix, TextEdit } from '../../findings';
import type { FileIR, LayerIR, ModelIR, PropIR, Span } from '../../ir';
import { quoted, tfjsReferences } from '../../fixes/sourceStyle';
import { codeExcerpt } from '../../listPhrase';
import { ACTIVATION_TRAPS } from '../../tfjs/activations';
import { resolvesAs, suggestionFor, THROWS_WITHOUT_CONFIG, type IdentifierKind, type Suggestion } from '../../tfjs/identifiers';
import { SpanSet } from '../modelFacts';
import type { LayersContext, ModelContext } from '../rule';

/** What a finding's text and fixes read: the source and its file. */
export type SourceContext = Pick<ModelContext, 'text' | 'file'>;
import { onlyLiteralOf, stringLiteralValue, stringLiteralsOfArray } from './literals';

type RuleFinding = Omit<Finding, 'severity'>;

/** The error tfjs throws and when. */
const THROWN: Record<IdentifierKind, { error: string; when: string }> = {
  activation: { error: 'Unknown activation', when: 'when the layer is constructed' },
  initializer: { error: 'Unknown initializer', when: 'when the layer is constructed' },
  regularizer: { error: 'Unknown regularizer', when: 'when the layer is constructed' },
  constraint: { error: 'Unknown constraint', when: 'when the layer is constructed' },
  loss: { error: 'Unknown loss', when: 'in model.compile' },
  optimizer: { error: 'Unknown Optimizer', when: 'in model.compile' },
  metric: { error: 'Unknown metric', when: 'in model.compile' },
};

export const messages = {
  unknown: (where: string, written: string, kind: IdentifierKind, suggestion: string | undefined) =>
    `${where}: '${written}' is not a tfjs ${kind} string${suggestion ? `; ${suggestion}` : ''} (tfjs throws "${THROWN[kind].error}: ${written}" ${THROWN[kind].when}).`,
  needsConfig: (where: string, written: string) =>
    `${where}: the '${written}' initializer needs a value and cannot be named by a string; write tf.initializers.constant({value: ...}) (tfjs throws "config must have value set" when the layer is constructed).`,
};

/** Which layer config keys hold which kind of identifier. */
function layerPropKind(key: string): IdentifierKind | undefined {
  if (key === 'activation' || key === 'recurrentActivation') return 'activation';
  if (key.endsWith('Initializer')) return 'initializer';
  if (key.endsWith('Regularizer')) return 'regularizer';
  if (key.endsWith('Constraint')) return 'constraint';
  return undefined;
}

function suggestionText(suggestion: Suggestion, refs: Record<string, string>): string {
  if (suggestion.form === 'string') return `'${suggestion.value}'`;
  return `${refs[suggestion.namespace] ?? `tf.${suggestion.namespace}`}.${suggestion.member}${suggestion.call ? '()' : ''}`;
}

function suggestionFix(text: string, file: FileIR, span: Span, suggestion: Suggestion): Fix {
  if (suggestion.form === 'string') {
    const replacement = quoted(text, file, suggestion.value);
    return { title: `Use ${replacement}`, preferred: suggestion.equivalent, edits: [{ ...span, newText: replacement }] };
  }
  const { refs, importEdit } = tfjsReferences(text, file, [suggestion.namespace]);
  const replacement = suggestionText(suggestion, refs);
  const edits: TextEdit[] = importEdit ? [importEdit, { ...span, newText: replacement }] : [{ ...span, newText: replacement }];
  return { title: `Use ${replacement}`, preferred: suggestion.equivalent, edits };
}

/** Whether tfjs fails on the string: it throws without a config, or does not resolve it (the activations that name a layer have their own finding). */
function failsInTfjs(kind: IdentifierKind, written: string): boolean {
  if (THROWS_WITHOUT_CONFIG[kind]?.includes(written)) return true;
  return !resolvesAs(kind, written) && !(kind === 'activation' && written in ACTIVATION_TRAPS);
}

/** The finding for a string tfjs fails on (failsInTfjs). */
function identifierFinding(context: SourceContext, where: string, kind: IdentifierKind, written: string, span: Span): RuleFinding {
  const { text, file } = context;
  if (THROWS_WITHOUT_CONFIG[kind]?.includes(written)) {
    return { rule: 'tfjs-api-trap', message: messages.needsConfig(where, written), span, related: [], fixes: [] };
  }
  const suggestion = suggestionFor(kind, written);
  const fix = suggestion ? suggestionFix(text, file, span, suggestion) : undefined;
  const hint = suggestion ? `${suggestion.equivalent ? 'did you mean' : 'the closest tfjs choice is'} ${suggestionText(suggestion, {})}${suggestion.equivalent ? '?' : ''}` : undefined;
  return { rule: 'tfjs-api-trap', message: messages.unknown(where, written, kind, hint), span, related: [], fixes: fix ? [fix] : [] };
}

/**
 * The string a layer property was given through a variable or a config object (`kernelInitializer:
 * spec.init`), as extraction resolved it; undefined for a value that is not a known string.
 */
function resolvedString(layer: LayerIR, key: string): string | undefined {
  switch (key) {
    case 'activation':
      return layer.activation;
    case 'recurrentActivation':
      return layer.recurrentActivation;
    case 'kernelInitializer':
    case 'recurrentInitializer':
    case 'biasInitializer': {
      const initializer = layer[key];
      return initializer?.form === 'string' ? initializer.name : undefined;
    }
    default:
      return layer.namedStrings?.[key];
  }
}

/**
 * A failing string that reaches tfjs through a variable or a config object, at `span` where tfjs
 * takes it; the fix edits the literal it came from.
 */
function passedStringFinding(context: SourceContext, where: string, key: string, kind: IdentifierKind, written: string, span: Span): RuleFinding {
  const source = codeExcerpt(context.text.slice(span.start, span.end));
  // `{ optimizer }` needs no "(optimizer)" after "compile optimizer".
  const label = source === key ? where : `${where} (${source})`;
  const origin = onlyLiteralOf(context.text, written);
  const finding = identifierFinding(context, label, kind, written, origin ?? span);
  const related = origin ? [{ span: origin, message: `'${written}' is written here` }] : [];
  return { ...finding, span, related, fixes: origin ? finding.fixes : [] };
}

function layerIdentifiers(context: SourceContext, layers: readonly LayerIR[], reported: SpanSet): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const layer of layers) {
    const props = layer.props;
    // for-in walks V8's cached keys of the shape: no array of keys per layer.
    for (const key in props) {
      const kind = layerPropKind(key);
      if (!kind) continue;
      const span = props[key].valueSpan;
      // A Keras topology's strings reach tfjs camel-cased ('he_uniform' is 'heUniform'): only the resolved string counts.
      const literal = layer.placement.kind === 'topology' ? undefined : stringLiteralValue(context.text, span);
      const written = literal ?? resolvedString(layer, key);
      // One finding per failing span (layers added in a loop share theirs); a resolving string gives none anywhere.
      if (written === undefined || !failsInTfjs(kind, written) || !reported.add(span)) continue;
      if (literal !== undefined) {
        findings.push(identifierFinding(context, `${layer.name} ${key}`, kind, written, span));
        continue;
      }
      findings.push(passedStringFinding(context, `${layer.name} ${key}`, key, kind, written, span));
    }
  }
  return findings;
}

interface CompileString {
  kind: IdentifierKind;
  written: string;
  span: Span;
}

/** String literals of `loss`, `optimizer` and `metrics` (an array of them) in the compile config. */
function compileStrings(text: string, props: Record<string, PropIR>): CompileString[] {
  const out: CompileString[] = [];
  addString(out, text, 'loss', props.loss);
  addString(out, text, 'optimizer', props.optimizer);
  const metrics = props.metrics;
  if (metrics) {
    addString(out, text, 'metric', metrics);
    for (const literal of stringLiteralsOfArray(text, metrics.valueSpan)) out.push({ kind: 'metric', ...literal });
  }
  return out;
}

function addString(out: CompileString[], text: string, kind: IdentifierKind, prop: PropIR | undefined): void {
  const written = prop && stringLiteralValue(text, prop.valueSpan);
  if (prop && written !== undefined) out.push({ kind, written, span: prop.valueSpan });
}

function compileIdentifiers(context: ModelContext, model: ModelIR, reported: SpanSet): RuleFinding[] {
  const compile = model.training?.compile;
  if (!compile) return [];
  const findings: RuleFinding[] = [];
  for (const { kind, written, span } of compileStrings(context.text, compile.props)) {
    if (!failsInTfjs(kind, written) || !reported.add(span)) continue;
    findings.push(identifierFinding(context, `compile ${kind}`, kind, written, span));
  }
  // `compile({ loss: cfg.loss })` with the name from a config object (a Keras port's 'mse').
  const lossProp = compile.props.loss;
  for (const loss of model.training?.losses ?? []) {
    if (!lossProp || loss.form !== 'string' || loss.span.start !== lossProp.valueSpan.start || loss.span.end !== lossProp.valueSpan.end) continue;
    if (failsInTfjs('loss', loss.name) && reported.add(lossProp.valueSpan)) findings.push(passedStringFinding(context, 'compile loss', 'loss', 'loss', loss.name, lossProp.valueSpan));
  }
  // `compile({ metrics: REPORTED_METRICS })`: the names of a list written elsewhere (a literal list was read above).
  const metricsProp = compile.props.metrics;
  for (const name of compile.metricNames ?? []) {
    if (!metricsProp || stringLiteralsOfArray(context.text, metricsProp.valueSpan).length > 0 || !failsInTfjs('metric', name) || !reported.add(metricsProp.valueSpan)) continue;
    findings.push(passedStringFinding(context, 'compile metrics', 'metrics', 'metric', name, metricsProp.valueSpan));
  }
  // `compile({ optimizer })` with the name from a variable (a sweep over optimizer names).
  const optimizer = model.training?.optimizer;
  const prop = compile.props.optimizer;
  if (prop && optimizer?.written !== undefined && failsInTfjs('optimizer', optimizer.written) && reported.add(prop.valueSpan)) {
    findings.push(passedStringFinding(context, 'compile optimizer', 'optimizer', 'optimizer', optimizer.written, prop.valueSpan));
  }
  return findings;
}

export function identifierStringTraps(context: ModelContext): RuleFinding[] {
  const reported = new SpanSet();
  return [...layerIdentifiers(context, context.model.layers, reported), ...compileIdentifiers(context, context.model, reported)];
}

/** The failing identifier strings in the configs of layers no model holds (FileIR.unplacedLayers). */
export function unplacedLayerStringTraps(context: LayersContext): RuleFinding[] {
  return layerIdentifiers(context, context.layers, new SpanSet());
}
