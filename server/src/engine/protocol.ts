/**
 * Messages shared by the server, the client and the panel webview. Plain data only; ranges are
 * LSP-shaped (0-based line/character) so the client can hand them to VS Code unchanged.
 */
import type { Position } from './lineMap';
import type { FlowPrediction } from './flow/prediction';
import type { ModelIR } from './ir';
import type { RuleId, Severity } from './findings';
import type { Thresholds } from './settings';

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
  /** What the numbers rest on besides the code as written (insights/modelAssumptions.ts). */
  assumptions: string[];
}

export interface AnalysisResponse {
  uri: string;
  version: number;
  models: PanelModel[];
  /** Why the document was not analysed, when it was not. */
  skipped?: string;
  /** Simulation settings (gradientDoctor.simulation) for the panel's empirical run and training preview. */
  simulation?: { batch: number; seeds: number; trainingSteps: number };
  /** The gradient thresholds in effect, for the panel's threshold bands. */
  thresholds?: Pick<Thresholds, 'vanishingRatio' | 'vanishingAbsolute' | 'explodingRatio'>;
}

/** Messages the extension posts to the panel webview. */
export type ExtensionToPanelMessage =
  /** A fresh analysis of the panel's document; `modelIndex` is the model under the cursor. */
  | { type: 'analysis'; response: AnalysisResponse; modelIndex: number }
  /** The cursor moved to another model of the same analysis. */
  | { type: 'selectModel'; modelIndex: number }
  /** Nothing to show (no editor, not a tfjs file, server not ready). */
  | { type: 'empty'; reason: string }
  /** Outcome of an `applyFix` request. */
  | { type: 'fixResult'; ok: boolean; message: string };

/**
 * Messages the panel webview posts to the extension. The webview is untrusted: the extension
 * schema-checks each one and acts only on the panel's own document, with edits it computed itself.
 */
export type PanelToExtensionMessage =
  | { type: 'ready' }
  | { type: 'reveal'; uri: string; range: Range }
  | { type: 'applyFix'; uri: string; version: number; edits: PositionedEdit[] };

/** Server -> client notification: what the server is doing, for a status bar item. Optional for other clients. */
export const STATUS_NOTIFICATION = 'gradientDoctor/status';

export interface ServerStatus {
  state: 'ready' | 'error';
  /** The document the status is about, when there is one. */
  uri?: string;
  /** Wall-clock time of the last analysis of `uri`, in milliseconds. */
  lastAnalysisMs?: number;
  /** Why the document was not analysed (`AnalysisResult.skipped`), or what went wrong. */
  message?: string;
}

/** Client command opening a rule's documentation page; its single argument is the URL. */
export const SHOW_DOCUMENTATION_COMMAND = 'gradientDoctor.showDocumentation';

/** Client command revealing the panel for one model; arguments are [uri, modelIndex]. */
export const SHOW_FLOW_COMMAND = 'gradientDoctor.showFlow';

/** Code action kind of "fix all Gradient Doctor problems" (for `editor.codeActionsOnSave`). */
export const FIX_ALL_CODE_ACTION_KIND = 'source.fixAll.gradientDoctor';

/**
 * `initializationOptions` a client may send. A client that lists a command in `handledCommands`
 * runs it itself; otherwise the server offers it through `workspace/executeCommand`.
 */
export interface InitializationOptions {
  handledCommands?: string[];
}
