/**
 * The engine's single entry point: source text in, models + flow predictions + findings out.
 * Pure: no LSP, no `vscode`, no file system; the server, the CLI, the tests and the webview use it.
 */
import { extractFile } from './extract';
import type { Finding } from './findings';
import type { FileIR, ModelIR } from './ir';
import { predictFlow } from './flow/analytic';
import type { FlowPrediction } from './flow/prediction';
import { RULES } from './rules';
import { DEFAULT_SETTINGS, type Settings } from './settings';

export interface ModelAnalysis {
  model: ModelIR;
  flow: FlowPrediction;
}

export interface AnalysisResult {
  file: FileIR;
  models: ModelAnalysis[];
  findings: Finding[];
  /** Why the file was not analysed (too large, no tfjs), when it was not. */
  skipped?: string;
}

/** Cheap pre-check: files that never mention tfjs are not parsed at all. */
export function mentionsTfjs(text: string): boolean {
  return text.includes('@tensorflow/tfjs');
}

export function analyze(text: string, fileName: string, settings: Settings = DEFAULT_SETTINGS): AnalysisResult {
  const empty: FileIR = { fileName, models: [], afterImports: 0, syntaxErrors: 0 };
  if (text.length > settings.maxFileSize) {
    return {
      file: empty,
      models: [],
      findings: [],
      skipped: `file has ${text.length} characters, above gradientDoctor.maxFileSize (${settings.maxFileSize}); not analysed`,
    };
  }
  if (!mentionsTfjs(text)) return { file: empty, models: [], findings: [], skipped: 'no @tensorflow/tfjs import' };

  const file = extractFile(text, fileName);
  const models = file.models.map((model) => ({ model, flow: predictFlow(model) }));
  const findings: Finding[] = [];
  for (const [modelIndex, { model, flow }] of models.entries()) {
    for (const rule of RULES) {
      const severity = settings.severity[rule.meta.id];
      if (severity === 'off') continue;
      for (const finding of rule.check({ text, file, model, flow, settings })) {
        findings.push({ ...finding, severity, modelIndex });
      }
    }
  }
  findings.sort((a, b) => a.span.start - b.span.start || a.rule.localeCompare(b.rule));
  return { file, models, findings };
}
