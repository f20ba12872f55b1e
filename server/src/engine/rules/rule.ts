/** The shape of a rule: metadata, messages and fixes together in one module (as typescript-eslint does). */
import type { Finding, RuleId, Severity } from '../findings';
import type { FileIR, LayerIR, ModelIR, Span, TrainingIR } from '../ir';
import type { FlowPrediction } from '../flow/prediction';
import type { Settings } from '../settings';

export interface RuleMeta {
  id: RuleId;
  /** One line for docs, SARIF and settings descriptions. */
  description: string;
  defaultSeverity: Severity;
  /** 'problem' rules predict a training failure; 'hint' rules suggest structure. */
  type: 'problem' | 'hint';
}

export interface ModelContext {
  text: string;
  file: FileIR;
  model: ModelIR;
  flow: FlowPrediction;
  settings: Settings;
  /**
   * Only where the rule fires is wanted: its findings' rule, span and softness, in the order a full check
   * gives them (see placeOnly). The robust verdict reads no more of the predictions it makes
   * across a model's unknowns (robust/robustFindings.ts), so a rule reading the flow skips its
   * messages and fixes there.
   */
  placesOnly: boolean;
}

/**
 * A finding as a rule returns it; the caller fills in the configured severity. `soft` findings are
 * a milder variant of the rule's problem and are reported as hints whatever the configured severity.
 */
export type RuleFinding = Omit<Finding, 'severity'> & { soft?: boolean };

/** A finding that says only where its rule fires and whether softly (ModelContext.placesOnly). */
export function placeOnly(rule: RuleId, span: Span, soft = false): RuleFinding {
  return { rule, message: '', span, related: [], fixes: [], ...(soft ? { soft } : {}) };
}

/** A training setup that no model of the file owns (FileIR.detachedTraining). */
export interface TrainingContext {
  text: string;
  file: FileIR;
  training: TrainingIR;
  settings: Settings;
}

/** Layers the code constructs that no model of the file holds (FileIR.unplacedLayers). */
export interface LayersContext {
  text: string;
  file: FileIR;
  layers: readonly LayerIR[];
  settings: Settings;
}

export interface Rule {
  meta: RuleMeta;
  /** Findings for one model; severity is filled in from the settings by the caller. */
  check(context: ModelContext): RuleFinding[];
  /** Findings for a training setup without a model, for the rules that need no model. */
  checkTraining?(context: TrainingContext): RuleFinding[];
  /** Findings for layers outside any model, for the rules that read a layer's config alone. */
  checkLayers?(context: LayersContext): RuleFinding[];
}
