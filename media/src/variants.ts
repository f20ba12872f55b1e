/**
 * Variants in the panel: when the model under the cursor is one of several variants of one
 * definition (`ir.variant`: "when rnnType is 'lstm'"), a select picks the one shown, and that
 * choice outlives re-analyses and cursor moves inside the definition (kept in the panel state).
 */
import type { AnalysisResponse, PanelModel } from '../../server/src/engine/protocol';
import { el } from './dom';

/** The variant the user picked for a definition. */
export interface VariantChoice {
  uri: string;
  definition: string;
  label: string;
}

/** Variants of one definition share its kind and defining expression. */
function definitionOf(model: PanelModel): string {
  return `${model.ir.api}:${model.ir.span.start}:${model.ir.span.end}`;
}

/** Indices of the variants of the definition of model `index` (itself included), in order. */
export function variantsOf(response: AnalysisResponse, index: number): number[] {
  const model = response.models[index];
  if (!model?.ir.variant) return [index];
  const definition = definitionOf(model);
  return response.models.flatMap((candidate, i) => (candidate.ir.variant && definitionOf(candidate) === definition ? [i] : []));
}

/** The model to show for `index`: the variant the user picked for its definition, if it still exists. */
export function preferredVariant(response: AnalysisResponse, index: number, choice: VariantChoice | undefined): number {
  const model = response.models[index];
  if (!model || !choice || choice.uri !== response.uri || definitionOf(model) !== choice.definition) return index;
  return variantsOf(response, index).find((i) => response.models[i].ir.variant?.label === choice.label) ?? index;
}

/** What to remember when the user shows model `index`. */
export function choiceOf(response: AnalysisResponse, index: number): VariantChoice | undefined {
  const model = response.models[index];
  return model?.ir.variant ? { uri: response.uri, definition: definitionOf(model), label: model.ir.variant.label } : undefined;
}

/** The select of the shown model's variants, or nothing when it has none. */
export function variantPicker(response: AnalysisResponse, index: number, pick: (index: number) => void): HTMLElement | undefined {
  const variants = variantsOf(response, index);
  if (variants.length < 2) return undefined;
  const select = el(
    'select',
    { id: 'variant-picker', 'aria-label': 'Variant' },
    ...variants.map((i) => el('option', { value: i, selected: i === index }, response.models[i].ir.variant?.label ?? response.models[i].name)),
  );
  select.addEventListener('change', () => pick(Number(select.value)));
  return el('p', { class: 'variant-picker' }, el('label', { for: 'variant-picker' }, `${variants.length} variants of ${response.models[index].ir.name}: `), select);
}
