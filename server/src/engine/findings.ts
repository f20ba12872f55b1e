/** What rules produce. Offsets, like the IR; the server and the CLI convert to lines and columns. */
import type { Span } from './ir';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** Severities from the most to the least severe. */
export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

export const RULE_IDS = [
  'vanishing-gradient',
  'exploding-gradient',
  'saturated-activation',
  'large-init-scale',
  'high-learning-rate',
  'missing-gradient-clipping',
  'long-simple-rnn',
  'deep-without-normalization',
  'deep-without-skip',
  'tfjs-api-trap',
  'constant-initializer',
  'output-loss-mismatch',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  preferred: boolean;
  edits: TextEdit[];
}

export interface RelatedInfo {
  span: Span;
  message: string;
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  message: string;
  span: Span;
  related: RelatedInfo[];
  fixes: Fix[];
  /** Index into `AnalysisResult.models` of the model the finding is about (set by `analyze()`). */
  modelIndex?: number;
  /**
   * Ids of the values not known statically (FlowPrediction.unknowns) that decide whether this
   * finding holds; set on the hints of robust/robustFindings.ts, absent when it holds for all.
   */
  dependsOn?: string[];
  /**
   * Every model the finding holds for alike, when it is reported once for all the variants of a
   * definition (`modelIndex` is the first of them); see `findingsOfModel`.
   */
  sharedBy?: number[];
}

export const DOCS_BASE_URL = 'https://github.com/gradient-doctor/gradient-doctor/blob/main/docs/rules/';

export function ruleDocUrl(rule: RuleId): string {
  return `${DOCS_BASE_URL}${rule}.md`;
}

/** The findings about one model of an analysis, those it shares with its other variants included. */
export function findingsOfModel(findings: readonly Finding[], modelIndex: number): Finding[] {
  return findings.filter((finding) => finding.modelIndex === modelIndex || finding.sharedBy?.includes(modelIndex));
}
