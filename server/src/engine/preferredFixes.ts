/**
 * A model as it would be after every preferred fix of its findings: the fixes are applied to the
 * text and the text is analysed again. The panel draws its flow beside the one as written; hovers
 * quote its ‖∇W‖ per layer.
 */
import { analyze, type AnalysisResult, type AnalyzeOptions, type ModelAnalysis } from './analyze';
import type { Finding } from './findings';
import { applyEdits } from './fixes/edits';
import { fixAllEdits } from './fixes/fixAll';
import { variantName, type ModelIR } from './ir';
import type { Settings } from './settings';

/**
 * Undefined when there is nothing to apply or the model cannot be found again in the fixed text;
 * 'out of time' when the analysis budget ran out before the model was analysed.
 */
export function withPreferredFixes(
  text: string,
  fileName: string,
  settings: Settings,
  findings: readonly Finding[],
  model: ModelIR,
  modelIndex: number,
  options: AnalyzeOptions = {},
): ModelAnalysis | 'out of time' | undefined {
  const edits = fixAllEdits(text, findings);
  if (edits.length === 0) return undefined;
  const fixedResult = analyze(applyEdits(text, edits), fileName, settings, options);
  const match = findSameModel(fixedResult, model, modelIndex);
  return !match && fixedResult.incomplete ? 'out of time' : match;
}

/**
 * The same model in the re-analysed text: by name (with its variant's condition) when the name is
 * unique; for a repeated build, the one variant that has its build number (a fix can make two
 * builds alike, and they become one variant); else by position.
 */
export function findSameModel(result: AnalysisResult, model: ModelIR, modelIndex: number): ModelAnalysis | undefined {
  const byName = result.models.filter((candidate) => variantName(candidate.model) === variantName(model));
  if (byName.length === 1) return byName[0];
  // Build numbers count every build of a definition, so they tell its variants apart even when the fix moves lines.
  const builds = model.variant?.builds;
  const byBuild = builds
    ? result.models.filter(({ model: candidate }) => candidate.name === model.name && candidate.variant?.builds?.some((number) => builds.includes(number)))
    : [];
  if (byBuild.length === 1) return byBuild[0];
  const byIndex = result.models[modelIndex];
  return byIndex && byIndex.model.api === model.api ? byIndex : undefined;
}
