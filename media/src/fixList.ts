/** The suggested fixes of the model, each with a button that applies exactly the server's edits. */
import type { PanelFix, PanelModel } from '../../server/src/engine/protocol';
import { el } from './dom';

export function fixList(model: PanelModel, onApply: (fix: PanelFix) => void): HTMLElement {
  if (model.fixes.length === 0) return el('p', { class: 'muted' }, 'No fixes suggested for this model.');
  const items = model.fixes.map((fix, index) => {
    const button = el('button', { type: 'button', class: fix.preferred ? 'primary' : 'secondary', 'data-fix-index': index }, 'Apply');
    button.addEventListener('click', () => onApply(fix));
    return el(
      'li',
      {},
      button,
      el('div', { class: 'fix-text' }, el('div', {}, fix.title), el('div', { class: 'fix-rule' }, fix.preferred ? `${fix.rule} · preferred` : fix.rule)),
    );
  });
  return el('ul', { class: 'fixes' }, ...items);
}

/** The findings of the model, as a compact list (messages are text from the analysis). */
export function findingList(model: PanelModel): HTMLElement {
  if (model.findings.length === 0) return el('p', { class: 'muted' }, 'No problems found.');
  return el(
    'ul',
    { class: 'findings' },
    ...model.findings.map((finding) =>
      el('li', { class: `severity-${finding.severity}` }, el('span', { class: 'fix-rule' }, finding.rule), ' ', finding.message),
    ),
  );
}
