/**
 * What a model's numbers rest on besides the code as written: what extraction could not read
 * (unresolved values, notes such as an opaque layer or a stopped loop) and what the flow engine
 * assumed in their place. Shown in hovers, the panel header and `simulate`, so that a number is
 * never read without the guesses behind it.
 */
import type { ModelAnalysis } from '../analyze';

export function modelAssumptions({ model, flow }: ModelAnalysis): string[] {
  const all = [
    ...(model.variant ? [`one variant of this definition: ${model.variant.label}`] : []),
    ...model.notes,
    ...(model.unresolved.length > 0 ? [`not resolved statically: ${model.unresolved.join(', ')}`] : []),
    ...model.layers.flatMap((layer) => layer.notes.map((note) => `${layer.name}: ${note}`)),
    ...flow.assumptions,
  ];
  return [...new Set(all)];
}

/** The assumptions that name one layer (`dense_2: ...`, `units of dense_2 ...`), for a card about that layer. */
export function layerAssumptions(assumptions: readonly string[], layerName: string): string[] {
  const name = layerName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const naming = new RegExp(`^${name}: | of ${name}(?![\\w$])`);
  return assumptions.filter((assumption) => naming.test(assumption));
}
