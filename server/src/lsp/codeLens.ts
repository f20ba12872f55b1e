/**
 * A CodeLens over every model: "Gradient flow: vanishing (5e-6) · Show". The verdict comes
 * from the model's own findings, the number (‖∇W_first‖/‖∇W_last‖) from its predicted flow;
 * clicking runs `gradientDoctor.showFlow` with [uri, modelIndex]: VS Code opens the panel,
 * other editors get a one-line summary from the server (flowSummary).
 */
import type { CodeLens } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisResult, ModelAnalysis } from '../engine/analyze';
import { findingsOfModel, type Finding } from '../engine/findings';
import { variantName } from '../engine/ir';
import { SHOW_FLOW_COMMAND } from '../engine/protocol';
import { approxPow10 } from '../engine/rules/format';
import { spanToRange } from './diagnostics';

export function codeLenses(document: TextDocument, result: AnalysisResult): CodeLens[] {
  return result.models.map((analysis, modelIndex) => ({
    range: spanToRange(document, analysis.model.nameSpan),
    command: {
      title: `Gradient flow: ${flowVerdict(analysis, findingsOfModel(result.findings, modelIndex))} · Show`,
      command: SHOW_FLOW_COMMAND,
      arguments: [document.uri, modelIndex],
    },
  }));
}

/** "vanishing (5e-6)", "exploding (3e+2)" or "healthy". */
export function flowVerdict(analysis: ModelAnalysis, findings: readonly Finding[]): string {
  const log10Ratio = analysis.flow.log10Ratio;
  // A model can vanish in absolute terms with a flat ratio; the ratio is shown only when it tells.
  const ratio = (shown: boolean) => (log10Ratio !== undefined && shown ? ` (${approxPow10(log10Ratio)})` : '');
  if (findings.some((finding) => finding.rule === 'vanishing-gradient')) return `vanishing${ratio(log10Ratio !== undefined && log10Ratio < 0)}`;
  if (findings.some((finding) => finding.rule === 'exploding-gradient')) return `exploding${ratio(log10Ratio !== undefined && log10Ratio > 0)}`;
  return 'healthy';
}

/** The CodeLens's content as one line, for editors without the panel. */
export function flowSummary(analysis: ModelAnalysis, findings: readonly Finding[]): string {
  const norms = analysis.flow.layers
    .filter((layer) => layer.hasKernel && layer.log10GradNorm !== undefined)
    .map((layer) => `${analysis.model.layers[layer.layerIndex]?.name ?? layer.layerIndex} ${approxPow10(layer.log10GradNorm!)}`);
  const perLayer = norms.length > 0 ? `; predicted ‖∇W‖ per layer: ${norms.join(', ')}` : '';
  return `Gradient flow of ${variantName(analysis.model)}: ${flowVerdict(analysis, findings)}${perLayer}`;
}
