/** The panel header's list of what the model's numbers assume (unread values, defaults taken in their place). */
import type { PanelModel } from '../../server/src/engine/protocol';
import { el } from './dom';

export function assumptionList(model: PanelModel): HTMLElement {
  const assumptions = model.assumptions ?? [];
  if (assumptions.length === 0) return el('p', { id: 'assumptions', class: 'assumptions' }, 'Assumptions: none; every size and setting was read from the code.');
  return el(
    'details',
    { id: 'assumptions', class: 'assumptions' },
    el('summary', {}, `Assumptions (${assumptions.length}): what the code did not say and the numbers take instead`),
    el('ul', {}, ...assumptions.map((assumption) => el('li', {}, assumption))),
  );
}
