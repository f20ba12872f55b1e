/**
 * A CodeLens over every model: "Gradient flow: vanishing (2e-5) · Show". The verdict comes
 * from the model's own findings, the number from its predicted flow; clicking opens the panel
 * (the client's `gradientDoctor.showFlow` command, arguments [uri, modelIndex]).
 */
import type { CodeLens } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisResult, ModelAnalysis } from '../engine/analyze';
import type { Finding } from '../engine/findings';
import { SHOW_FLOW_COMMAND } from '../engine/protocol';
import { spanToRange } from './diagnostics';

export function codeLenses(document: TextDocument, result: AnalysisResult): CodeLens[] {
  return result.models.map((analysis, modelIndex) => {
    const findings = result.findings.filter((finding) => finding.modelIndex === modelIndex);
    return {
      range: spanToRange(document, analysis.model.nameSpan),
      command: { title: `Gradient flow: ${flowVerdict(analysis, findings)} · Show`, command: SHOW_FLOW_COMMAND, arguments: [document.uri, modelIndex] },
    };
  });
}

/** "vanishing (2e-5)", "exploding (3e+2)" or "healthy"; the number is ‖∇W_first‖/‖∇W_last‖. */
export function flowVerdict(analysis: ModelAnalysis, findings: readonly Finding[]): string {
  const ratio = analysis.flow.log10Ratio === undefined ? '' : ` (${formatPowerOfTen(analysis.flow.log10Ratio)})`;
  if (findings.some((finding) => finding.rule === 'vanishing-gradient')) return `vanishing${ratio}`;
  if (findings.some((finding) => finding.rule === 'exploding-gradient')) return `exploding${ratio}`;
  return 'healthy';
}

function formatPowerOfTen(log10: number): string {
  return (10 ** log10).toExponential(0);
}
