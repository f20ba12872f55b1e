/**
 * Inlay hints after each layer call: the predicted ‖∇W‖ of kernel layers with a marker in the
 * vanishing (▼) or exploding (▲) band, the spread entering normalization and activation layers,
 * and the saturated fraction where units saturate. Offsets and text only; the server turns them
 * into LSP inlay hints.
 *
 * `gradientDoctor.inlayHints`: `off`; `problems` (default): only the layers of models with a
 * finding above hint severity, so healthy code stays quiet; `all`: every model.
 */
import type { AnalysisResult } from '../analyze';
import type { Span } from '../ir';
import { approx, approxPow10, listNames } from '../rules/format';
import type { Settings } from '../settings';
import { gradientBandLimits, type GradientBandLimits } from './gradientBands';
import { isNormalization } from '../tfjs/layers';
import { isActivationLayer, layerInsight, type LayerInsight } from './layerInsights';

export interface LayerHint {
  /** Where the hint goes: the end of the layer call. */
  offset: number;
  label: string;
  /** The same numbers in a sentence, with the layer names. */
  tooltip: string;
  modelIndex: number;
}

export const BAND_MARKERS = { vanishing: '▼', exploding: '▲' } as const;

/** A saturated fraction below this is noise (sigmoid at sd 1 saturates ~6e-7 of its units). */
const NOTABLE_SATURATION = 0.01;

/** The hints of the whole file, or of the layer calls ending `within` a span (the lines an editor shows). */
export function layerHints(result: AnalysisResult, settings: Settings, within?: Span): LayerHint[] {
  const mode = settings.inlayHints;
  if (mode === 'off') return [];
  const hinted = mode === 'all' ? undefined : modelsWithProblems(result);
  // Layers added in a loop share their call: one hint per call offset, for all of them.
  const byOffset = new Map<number, { modelIndex: number; limits: GradientBandLimits; insights: LayerInsight[] }>();
  for (const [modelIndex, analysis] of result.models.entries()) {
    if (hinted && !hinted.has(modelIndex)) continue;
    const layers = within ? analysis.model.layers.filter((layer) => layer.span.end >= within.start && layer.span.end <= within.end) : analysis.model.layers;
    if (layers.length === 0) continue;
    const limits = gradientBandLimits(analysis.flow, settings.thresholds);
    for (const layer of layers) {
      const group = byOffset.get(layer.span.end) ?? { modelIndex, limits, insights: [] };
      group.insights.push(layerInsight(analysis, layer, limits));
      byOffset.set(layer.span.end, group);
    }
  }
  const hints: LayerHint[] = [];
  for (const [offset, { modelIndex, limits, insights }] of byOffset) {
    const hint = describe(insights, limits);
    if (hint) hints.push({ offset, modelIndex, ...hint });
  }
  return hints.sort((a, b) => a.offset - b.offset);
}

/** Models with a finding that is more than a hint (a hint-only model counts as healthy). */
function modelsWithProblems(result: AnalysisResult): Set<number> {
  const models = new Set<number>();
  for (const finding of result.findings) {
    if (finding.modelIndex !== undefined && finding.severity !== 'hint') models.add(finding.modelIndex);
  }
  return models;
}

function describe(insights: LayerInsight[], limits: GradientBandLimits): { label: string; tooltip: string } | undefined {
  const names = listNames([...new Set(insights.map((insight) => insight.layer.name))]);
  const parts: string[] = [];
  const sentences: string[] = [];

  const gradients = insights.filter((insight) => insight.log10GradNorm !== undefined);
  if (gradients.length > 0) {
    const values = gradients.map((insight) => insight.log10GradNorm as number);
    const low = approxPow10(Math.min(...values));
    const high = approxPow10(Math.max(...values));
    const markers = (['vanishing', 'exploding'] as const).filter((band) => gradients.some((insight) => insight.band === band));
    const count = gradients.length > 1 ? ` ×${gradients.length}` : '';
    parts.push(`‖∇W‖ ${low === high ? low : `${low}…${high}`}${count}${markers.map((band) => ` ${BAND_MARKERS[band]}`).join('')}`);
    const perLayer = gradients.map((insight) => `${nameOf(insight)} ${approxPow10(insight.log10GradNorm as number)}${insight.band ? ` (${insight.band})` : ''}`);
    sentences.push(
      `Predicted ‖∇W‖ at initialization: ${perLayer.join(', ')}. ` +
        `Vanishing band ≤ ${approxPow10(limits.vanishingTop)}` +
        (limits.explodingBottom !== undefined ? `, exploding band ≥ ${approxPow10(limits.explodingBottom)}` : '') +
        '.',
    );
  }

  const entering = insights.filter((insight) => insight.inputStd !== undefined && (isNormalization(insight.layer) || isActivationLayer(insight.layer)));
  if (entering.length > 0) {
    const std = Math.max(...entering.map((insight) => insight.inputStd as number));
    const normalized = entering.every((insight) => isNormalization(insight.layer)) && entering[0].outputStd !== undefined;
    parts.push(normalized ? `sd ${approx(std)} → ${approx(entering[0].outputStd as number)}` : `sd ${approx(std)}`);
    const verb = normalized ? 'normalize' : 'receive';
    sentences.push(`${names} ${insights.length === 1 ? `${verb}s` : verb} a signal of sd ${approx(std)}.`);
  }

  const saturated = Math.max(...insights.map((insight) => insight.saturatedFraction ?? 0));
  if (saturated >= NOTABLE_SATURATION) {
    parts.push(`${percent(saturated)} saturated`);
    sentences.push(`${percent(saturated)} of the pre-activations lie beyond |5|, where ${insights[0].activation ?? 'the activation'} is flat.`);
  }

  if (parts.length === 0) return undefined;
  return { label: parts.join(' · '), tooltip: `${names}: ${sentences.join(' ')}` };
}

/** `dense_1`, or `dense_1 (when rnnType is 'lstm')` for a call shared by variants. */
function nameOf(insight: LayerInsight): string {
  return insight.variant ? `${insight.layer.name} (${insight.variant})` : insight.layer.name;
}

export function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}
