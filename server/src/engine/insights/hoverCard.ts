/**
 * The hover card of a layer (its call, initializer or activation) or an optimizer: the numbers
 * behind the verdict, the assumptions they rest on, and links (the panel on this model, the rule
 * docs). Plain markdown that any LSP client renders; the server only converts the span.
 */
import type { AnalysisResult, ModelAnalysis } from '../analyze';
import { findingsOfModel, ruleDocUrl, type Finding, type RuleId } from '../findings';
import { variantName, type LayerIR, type ModelIR, type OptimizerIR, type Span } from '../ir';
import { approx, approxPow10, listNames, rateText } from '../rules/format';
import { initializerLabel } from '../rules/modelFacts';
import type { Settings } from '../settings';
import { CONVENTIONAL_LEARNING_RATE, isOptimizerName } from '../tfjs/optimizers';
import { exceeds } from '../rules/thresholdCompare';
import { gradientBandLimits, type GradientBandLimits } from './gradientBands';
import { hoverTarget } from './hoverTarget';
import { BAND_MARKERS, percent } from './inlayHints';
import { layerInsight, type LayerInsight } from './layerInsights';
import { layerAssumptions, modelAssumptions } from './modelAssumptions';

export interface HoverCard {
  span: Span;
  markdown: string;
}

export interface HoverOptions {
  /** The model with its preferred fixes applied (computed on demand, for "‖∇W‖ with the preferred fix"). */
  fixedModel?: (modelIndex: number) => ModelAnalysis | 'out of time' | undefined;
  /** A link that opens the gradient-flow panel on a model, when the client can follow one. */
  panelLink?: (modelIndex: number) => string | undefined;
}

/** Assumptions listed in full up to this many; the rest are counted (the panel lists them all). */
const SHOWN_ASSUMPTIONS = 6;

export function hoverCard(result: AnalysisResult, offset: number, settings: Settings, options: HoverOptions = {}): HoverCard | undefined {
  const target = hoverTarget(result, offset);
  if (!target) return undefined;
  const analysis = result.models[target.modelIndex];
  const findings = findingsOfModel(result.findings, target.modelIndex);
  const body =
    target.kind === 'layer'
      ? layerCard(analysis, target.layers, gradientBandLimits(analysis.flow, settings.thresholds), findings, () => options.fixedModel?.(target.modelIndex))
      : optimizerCard(analysis, target.optimizer, settings);
  const assumptions = assumptionLines(analysis, target.kind === 'layer' ? target.layers : []);
  const links = linkLine(target.modelIndex, findings, options);
  return { span: target.span, markdown: [body, assumptions, links].filter((part) => part !== '').join('\n\n') };
}

type FixedModel = () => ModelAnalysis | 'out of time' | undefined;

function layerCard(analysis: ModelAnalysis, layers: LayerIR[], limits: GradientBandLimits, findings: Finding[], fixedModel: FixedModel): string {
  const insights = layers.map((layer) => layerInsight(analysis, layer, limits));
  const first = insights[0];
  const names = listNames(layers.map((layer) => code(layer.name)));
  const loop = layers.length > 1 ? ' · one call' : '';
  const lines = [`**${names}**${loop} · ${describeLayer(first.layer, first.activation)} · model ${code(variantName(analysis.model))}`, ''];
  const items: string[] = [];
  if (first.fanIn !== undefined) items.push(`fan-in ${first.fanIn}`);
  if (first.weightScale) {
    const { varianceTimesFanIn, criticalGain, ratio } = first.weightScale;
    items.push(`init variance × fan-in ${approx(varianceTimesFanIn)} (${initializerLabel(first.layer)}) vs critical gain ${criticalGain} of ${first.activation}: ${approx(ratio)}×`);
  }
  if (first.preActivationStd !== undefined) items.push(`pre-activation sd ${rangeOf(insights, (insight) => insight.preActivationStd, approx)}`);
  if (first.inputStd !== undefined) items.push(`sd of the input ${approx(first.inputStd)}${first.outputStd !== undefined ? `, of the output ${approx(first.outputStd)}` : ''}`);
  const saturated = rangeOf(insights, (insight) => insight.saturatedFraction, fractionText);
  if (saturated) items.push(`saturated (|z| > 5): ${saturated}`);
  const dead = rangeOf(insights, (insight) => insight.deadFraction, fractionText);
  if (dead) items.push(`dead (z ≤ 0): ${dead}`);
  items.push(...gradientLines(analysis.model, insights, limits, fixedModel, findings));
  const own = findings.filter((finding) => layers.some((layer) => touches(finding, layer.span)));
  if (own.length > 0) items.push(`findings: ${own.map((finding) => `${finding.rule} (${finding.severity})`).join(', ')}`);
  return [...lines, ...items.map((item) => `- ${item}`)].join('\n');
}

/** ‖∇W‖ as written and with the preferred fixes; the fixed model is asked for only when there is a number to show from it. */
function gradientLines(written: ModelIR, insights: LayerInsight[], limits: GradientBandLimits, fixedModel: FixedModel, findings: Finding[]): string[] {
  const withGradient = insights.filter((insight) => insight.log10GradNorm !== undefined);
  if (withGradient.length === 0) return [];
  const asWritten = withGradient.map((insight) => {
    const band = insight.band ? ` ${BAND_MARKERS[insight.band]} ${insight.band}` : '';
    return `${withGradient.length > 1 ? `${code(insight.layer.name)} ` : ''}${approxPow10(insight.log10GradNorm as number)}${band}`;
  });
  const bands = `vanishing ≤ ${approxPow10(limits.vanishingTop)}${limits.explodingBottom !== undefined ? `, exploding ≥ ${approxPow10(limits.explodingBottom)}` : ''}`;
  const lines = [`‖∇W‖ as written: **${asWritten.join(', ')}** (bands: ${bands})`];
  if (!findings.some((finding) => finding.fixes.some((fix) => fix.preferred))) {
    lines.push('‖∇W‖ with the preferred fix: no fix proposed for this model');
    return lines;
  }
  const fixed = fixedModel();
  if (fixed === 'out of time') {
    lines.push('‖∇W‖ with the preferred fix: being predicted (hover again, or see the panel)');
  } else if (fixed) {
    const after = withGradient.map((insight) => {
      const match = sameLayer(fixed.model, written, insight.layer);
      const log10 = match ? fixed.flow.layers.find((entry) => entry.layerIndex === match.index)?.log10GradNorm : undefined;
      return `${withGradient.length > 1 ? `${code(insight.layer.name)} ` : ''}${log10 !== undefined && Number.isFinite(log10) ? approxPow10(log10) : 'not predicted'}`;
    });
    const titles = [...new Set(findings.flatMap((finding) => finding.fixes.filter((fix) => fix.preferred).map((fix) => fix.title)))];
    lines.push(`‖∇W‖ with the preferred fix${titles.length > 1 ? 'es' : ''}: **${after.join(', ')}** (${titles.join('; ')})`);
  }
  return lines;
}

/** The layer in the model with fixes: same name and kind, else (a kind swapped, e.g. simpleRNN → lstm) the same position. */
function sameLayer(fixed: ModelIR, written: ModelIR, layer: LayerIR): LayerIR | undefined {
  const byName = fixed.layers.find((candidate) => candidate.name === layer.name && candidate.kind === layer.kind);
  return byName ?? (fixed.layers.length === written.layers.length ? fixed.layers[layer.index] : undefined);
}

function optimizerCard(analysis: ModelAnalysis, optimizer: OptimizerIR, settings: Settings): string {
  const lines = [`**${optimizer.name}** optimizer · model ${code(variantName(analysis.model))}`, ''];
  const items: string[] = [];
  const rate = optimizer.learningRate;
  if (optimizer.learningRateSource === 'object') items.push('learning rate: an object, which tfjs takes as the rate itself (NaN training; tfjs-api-trap)');
  else if (optimizer.learningRateSource === 'unresolved' || rate === undefined) items.push('learning rate: not resolved statically (no verdict)');
  else items.push(`learning rate ${rateText(rate)} (${optimizer.learningRateSource === 'explicit' ? 'as written' : `tfjs default for ${optimizer.form === 'string' ? `'${optimizer.name}'` : `tf.train.${optimizer.name}`}`})`);
  if (isOptimizerName(optimizer.name)) {
    const threshold = settings.thresholds.learningRate[optimizer.name];
    const above = rate !== undefined && optimizer.learningRateSource !== 'unresolved' && optimizer.learningRateSource !== 'object' && exceeds(rate, threshold);
    items.push(`threshold ${threshold} (gradientDoctor.thresholds.learningRate.${optimizer.name})${above ? ` ${BAND_MARKERS.exploding} above: steps this large diverge` : ''}`);
    items.push(`conventional ${optimizer.name} rate: ${CONVENTIONAL_LEARNING_RATE[optimizer.name]}`);
  }
  const clipping = analysis.model.training?.clipping ?? [];
  items.push(clipping.length > 0 ? `gradient clipping: ${[...new Set(clipping.map((evidence) => evidence.kind))].join(', ')}` : 'gradient clipping: none seen on the training path');
  return [...lines, ...items.map((item) => `- ${item}`)].join('\n');
}

function assumptionLines(analysis: ModelAnalysis, layers: LayerIR[]): string {
  const all = modelAssumptions(analysis);
  if (all.length === 0) return '*Assumptions: none; every size and setting was read from the code.*';
  // This layer's own assumptions first: they bear on the numbers above.
  const own = layers.flatMap((layer) => layerAssumptions(all, layer.name));
  const ordered = [...new Set([...own, ...all])];
  const shown = ordered.slice(0, SHOWN_ASSUMPTIONS).map((assumption) => `- ${escapeMarkdown(assumption)}`);
  const more = ordered.length > SHOWN_ASSUMPTIONS ? [`- … and ${ordered.length - SHOWN_ASSUMPTIONS} more (listed in the panel)`] : [];
  return ['*Assumptions the numbers rest on:*', ...shown, ...more].join('\n');
}

function linkLine(modelIndex: number, findings: Finding[], options: HoverOptions): string {
  const links: string[] = [];
  const panel = options.panelLink?.(modelIndex);
  if (panel) links.push(`[Show the gradient flow of this model](${panel})`);
  const rules = [...new Set(findings.map((finding) => finding.rule))] as RuleId[];
  links.push(...rules.map((rule) => `[${rule}](${ruleDocUrl(rule)})`));
  return links.join(' · ');
}

function describeLayer(layer: LayerIR, activation: string | undefined): string {
  const parts: string[] = [layer.kind];
  if (layer.units !== undefined) parts.push(`${layer.units} unit${layer.units === 1 ? '' : 's'}`);
  if (activation !== undefined) parts.push(activation);
  return parts.join(', ');
}

/** `0.5` or `0.5…0.7` over the layers of one call. */
function rangeOf(insights: LayerInsight[], value: (insight: LayerInsight) => number | undefined, format: (value: number) => string): string {
  const values = insights.map(value).filter((each): each is number => each !== undefined);
  if (values.length === 0) return '';
  const low = format(Math.min(...values));
  const high = format(Math.max(...values));
  return low === high ? low : `${low}…${high}`;
}

function fractionText(fraction: number): string {
  return fraction >= 0.01 || fraction === 0 ? percent(fraction) : `${approx(fraction * 100)}%`;
}

function touches(finding: Finding, span: Span): boolean {
  const overlaps = (other: Span) => other.start < span.end && span.start < other.end;
  return overlaps(finding.span) || finding.related.some((related) => overlaps(related.span));
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

/** User text (layer names in notes) cannot open links, images, HTML or emphasis in the card. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*[\]<>]/g, (char) => `\\${char}`);
}
