/**
 * Findings of models with variants (ModelIR.variant): a finding every variant of a definition
 * has alike (same rule, severity, range and message) is reported once, without a condition; one that several
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
  // Each variant finding's key, made once (it holds the whole message). The same finding of two
  // definitions (a core-API forward pass trained in one place and run for a prediction in
  // another) is the same code's: it is one finding too. A severity apart is another finding: a
  // rate one variant's wide layer makes fail is a warning there, a hint in the others.
  const keys = findings.map((finding) => {
    const index = finding.modelIndex;
    return index !== undefined && models[index]?.variant ? `${finding.rule}\u0000${finding.severity}\u0000${finding.span.start}:${finding.span.end}\u0000${finding.message}` : undefined;
  });
  // Per key, how many findings, and the definitions they come from.
  const groups = new Map<string, { count: number; definitions: Set<string> }>();
  keys.forEach((key, i) => {
    if (key === undefined) return;
    const group = groups.get(key) ?? { count: 0, definitions: new Set<string>() };
    group.count++;
    group.definitions.add(definitions[findings[i].modelIndex as number]);
    groups.set(key, group);
  });
  const reported = new Map<string, Finding>();
  const result: Finding[] = [];
  for (const [i, finding] of findings.entries()) {
    const key = keys[i];
    const model = modelOf(models, finding);
    if (key === undefined || !model?.variant) {
      result.push(finding);
      continue;
    }
    const group = groups.get(key)!;
    const size = [...group.definitions].reduce((sum, definition) => sum + (familySize.get(definition) ?? 1), 0);
    if (group.count === 1 || size === 1) {
      result.push({ ...finding, message: `${capitalized(model.variant.label)}: ${finding.message}` });
      continue;
    }
    const first = reported.get(key);
    if (first) first.sharedBy?.push(finding.modelIndex as number);
    else {
      // Every variant alike: no condition. Some of them (builds of a sweep): the first one's, and how many more.
      const others = group.count - 1;
      const message = group.count === size ? finding.message : `${capitalized(model.variant.label)} (and ${others} more variant${others === 1 ? '' : 's'} alike): ${finding.message}`;
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
