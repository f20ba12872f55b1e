/**
 * Findings of models with variants (ModelIR.variant): a finding every variant of a definition
 * has alike (same rule, range and message) is reported once, without a condition; one that several
 * variants have alike is reported once with the first one's condition and how many more; any other
 * finding of a variant starts with the variant's condition ("When rnnType is 'SimpleRNN': ...").
 */
import type { Finding } from './findings';
import type { ModelIR } from './ir';

/** `findings` of `models` (by `modelIndex`), with the findings shared by all variants kept once. */
export function findingsAcrossVariants(models: readonly ModelIR[], findings: readonly Finding[]): Finding[] {
  if (!models.some((model) => model.variant)) return [...findings];
  const definitions = models.map(definitionKey);
  const familySize = new Map<string, number>();
  for (const definition of definitions) familySize.set(definition, (familySize.get(definition) ?? 0) + 1);
  // Each variant finding's key, made once (it holds the whole message).
  const keys = findings.map((finding) => {
    const index = finding.modelIndex;
    return index !== undefined && models[index]?.variant ? `${definitions[index]}\u0000${finding.rule}\u0000${finding.span.start}:${finding.span.end}\u0000${finding.message}` : undefined;
  });
  const occurrences = new Map<string, number>();
  for (const key of keys) if (key !== undefined) occurrences.set(key, (occurrences.get(key) ?? 0) + 1);
  const reported = new Map<string, Finding>();
  const result: Finding[] = [];
  for (const [i, finding] of findings.entries()) {
    const key = keys[i];
    const model = modelOf(models, finding);
    if (key === undefined || !model?.variant) {
      result.push(finding);
      continue;
    }
    const size = familySize.get(definitions[finding.modelIndex as number]) ?? 1;
    const alike = occurrences.get(key) ?? 1;
    if (alike === 1 || size === 1) {
      result.push({ ...finding, message: `${capitalized(model.variant.label)}: ${finding.message}` });
      continue;
    }
    const first = reported.get(key);
    if (first) first.sharedBy?.push(finding.modelIndex as number);
    else {
      // Every variant alike: no condition. Some of them (builds of a sweep): the first one's, and how many more.
      const others = alike - 1;
      const message = alike === size ? finding.message : `${capitalized(model.variant.label)} (and ${others} more variant${others === 1 ? '' : 's'} alike): ${finding.message}`;
      const shared = { ...finding, message, sharedBy: [finding.modelIndex as number] };
      reported.set(key, shared);
      result.push(shared);
    }
  }
  return result;
}

function modelOf(models: readonly ModelIR[], finding: Finding): ModelIR | undefined {
  return finding.modelIndex === undefined ? undefined : models[finding.modelIndex];
}

/**
 * Variants of one definition share its kind and defining expression; builds by an imported
 * function (a base class's `build()` called from here and from an importer) share that function,
 * their spans being the calls that reached it.
 */
function definitionKey(model: ModelIR): string {
  return model.builtIn !== undefined ? `${model.api}:${model.builtIn}:${model.name}` : `${model.api}:${model.span.start}:${model.span.end}`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
