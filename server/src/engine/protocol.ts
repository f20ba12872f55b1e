/**
 * Messages shared by the server, the client and the panel webview. Plain data only; ranges are
 * LSP-shaped (0-based line/character) so the client can hand them to VS Code unchanged.
 */
import type { Position } from './lineMap';
import type { FlowPrediction } from './flow/prediction';
import type { ModelIR } from './ir';
import type { RuleId, Severity } from './findings';

export interface Range {
  start: Position;
  end: Position;
}

export interface PositionedEdit {
  range: Range;
  newText: string;
}

/** Custom request: the panel's view of one document. Optional for other LSP clients. */
export const ANALYSIS_REQUEST = 'gradientDoctor/analysis';

export interface AnalysisRequestParams {
  uri: string;
}

export interface PanelFinding {
  rule: RuleId;
  severity: Severity;
  message: string;
  range: Range;
}

export interface PanelFix {
  rule: RuleId;
  title: string;
  preferred: boolean;
  edits: PositionedEdit[];
}

export interface PanelModel {
  name: string;
  range: Range;
  /** Range of each layer's source, same indexing as `ir.layers` (for "reveal in editor"). */
  layerRanges: Range[];
  ir: ModelIR;
  flow: FlowPrediction;
  /** The same model after every preferred fix of its findings was applied, when there were any. */
  fixed?: { ir: ModelIR; flow: FlowPrediction };
  findings: PanelFinding[];
  fixes: PanelFix[];
}

export interface AnalysisResponse {
  uri: string;
  version: number;
  models: PanelModel[];
  /** Why the document was not analysed, when it was not. */
  skipped?: string;
}
