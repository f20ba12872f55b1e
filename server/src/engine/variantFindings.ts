/**
 * Findings of models with variants (ModelIR.variant): a finding every variant of a definition
 * has alike (same rule, range and message) is reported once, without a condition; any other
 * finding of a variant starts with the variant's condition ("When rnnType is 'SimpleRNN': ...").
 */
import type { Finding } from './findings';
import type { ModelIR } from './ir';

/** `findings` of `models` (by `modelIndex`), with the findings shared by all variants kept once. */
export function findingsAcrossVariants(models: readonly ModelIR[], findings: readonly Finding[]): Finding[] {
  if (!models.some((model) => model.variant)) return [...findings];
  const familySize = new Map<string, number>();
  for (const model of models) familySize.set(definitionKey(model), (familySize.get(definitionKey(model)) ?? 0) + 1);
  const occurrences = new Map<string, number>();
  const keyOf = (finding: Finding, model: ModelIR) => `${definitionKey(model)}\u0000${finding.rule}\u0000${finding.span.start}:${finding.span.end}\u0000${finding.message}`;
  for (const finding of findings) {
    const model = modelOf(models, finding);
    if (model?.variant) occurrences.set(keyOf(finding, model), (occurrences.get(keyOf(finding, model)) ?? 0) + 1);
  }
  const reported = new Map<string, Finding>();
  const result: Finding[] = [];
  for (const finding of findings) {
    const model = modelOf(models, finding);
    if (!model?.variant) {
      result.push(finding);
      continue;
    }
    const key = keyOf(finding, model);
    const size = familySize.get(definitionKey(model)) ?? 1;
    if (size > 1 && occurrences.get(key) === size) {
      const first = reported.get(key);
      if (first) first.sharedBy?.push(finding.modelIndex as number);
      else {
        const shared = { ...finding, sharedBy: [finding.modelIndex as number] };
        reported.set(key, shared);
        result.push(shared);
      }
    } else {
      result.push({ ...finding, message: `${capitalized(model.variant.label)}: ${finding.message}` });
    }
  }
  return result;
}

function modelOf(models: readonly ModelIR[], finding: Finding): ModelIR | undefined {
  return finding.modelIndex === undefined ? undefined : models[finding.modelIndex];
}

/** Variants of one definition share its kind and defining expression. */
function definitionKey(model: ModelIR): string {
  return `${model.api}:${model.span.start}:${model.span.end}`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
