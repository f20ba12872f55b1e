/**
 * The gradient-flow panel's view of one document (`gradientDoctor/analysis`): every model with
 * its analytic flow as written and with its preferred fixes applied, its findings, its fixes as
 * LSP-range edits, and the source range of each layer. Pure engine code: the LSP server answers
 * the request with it, the webview tests use it directly.
 */
import { analyze, type AnalyzeOptions } from './analyze';
import { findingsOfModel, type TextEdit } from './findings';
import { modelAssumptions } from './insights/modelAssumptions';
import { variantName, type ModelIR, type Span } from './ir';
import { LineMap } from './lineMap';
import type { AnalysisResponse, PanelFix, PanelModel, PositionedEdit, Range } from './protocol';
import { withPreferredFixes } from './preferredFixes';
import type { Settings } from './settings';

/** How the server analyses the document for diagnostics, so that the panel shows the same models. */
export interface PanelAnalysis {
  /** The document's file name (imports and importers resolve against it); the URI by default. */
  fileName?: string;
  /** Readers of imported files and the files importing this one. */
  analyzeOptions?: Pick<AnalyzeOptions, 'readFile' | 'importers'>;
}

export function buildPanelPayload(text: string, uri: string, version: number, settings: Settings, analysis: PanelAnalysis = {}): AnalysisResponse {
  const fileName = analysis.fileName ?? uri;
  const result = analyze(text, fileName, settings, analysis.analyzeOptions);
  const lines = new LineMap(text);
  const toRange = (span: Span): Range => ({ start: lines.positionAt(span.start), end: lines.positionAt(span.end) });
  const toEdit = (edit: TextEdit): PositionedEdit => ({ range: toRange(edit), newText: edit.newText });

  const models = result.models.map(({ model, flow }, modelIndex): PanelModel => {
    const findings = findingsOfModel(result.findings, modelIndex);
    const fixes: PanelFix[] = findings.flatMap((finding) =>
      finding.fixes.map((fix) => ({ rule: finding.rule, title: fix.title, preferred: fix.preferred, edits: fix.edits.map(toEdit) })),
    );
    const fixed = withPreferredFixes(text, fileName, settings, findings, model, modelIndex, analysis.analyzeOptions);
    const assumptions = modelAssumptions({ model, flow });
    return {
      name: variantName(model),
      range: toRange(definitionSpan(model)),
      layerRanges: model.layers.map((layer) => toRange(layer.span)),
      ir: model,
      flow,
      ...(fixed && fixed !== 'out of time' && { fixed: { ir: fixed.model, flow: fixed.flow } }),
      assumptions,
      findings: findings.map((finding) => ({ rule: finding.rule, severity: finding.severity, message: finding.message, range: toRange(finding.span) })),
      fixes,
    };
  });

  return {
    uri,
    version,
    models,
    ...(result.skipped !== undefined && { skipped: result.skipped }),
    simulation: { ...settings.simulation },
    thresholds: {
      vanishingRatio: settings.thresholds.vanishingRatio,
      vanishingAbsolute: settings.thresholds.vanishingAbsolute,
      explodingRatio: settings.thresholds.explodingRatio,
    },
  };
}

/** The whole definition (the model call, its name and every layer), so "model under the cursor" covers `model.add(...)` lines too. */
function definitionSpan(model: ModelIR): Span {
  const spans = [model.span, model.nameSpan, ...model.layers.map((layer) => layer.span)];
  return { start: Math.min(...spans.map((s) => s.start)), end: Math.max(...spans.map((s) => s.end)) };
}
