/** The layer table; each row reveals its layer in the editor (click, Enter or Space). */
import type { InitializerIR, LayerIR } from '../../server/src/engine/ir';
import type { PanelModel } from '../../server/src/engine/protocol';
import { el } from './dom';
import { formatNumber } from './format';
import { kernelLayers } from './kernelLayers';

export function layerTable(model: PanelModel, onReveal: (layerIndex: number) => void): HTMLTableElement {
  const header = el(
    'tr',
    {},
    ...['Layer', 'Kind', 'Units', 'Activation', 'Initializer'].map((title) => el('th', { scope: 'col' }, title)),
    el('th', { scope: 'col', title: "Factor by which the backward signal's mean square changes across the layer" }, 'Gradient factor'),
    el('th', { scope: 'col', title: 'Predicted ‖∇W‖ as written, and with the suggested fixes' }, model.fixed ? '‖∇W‖ → fixed' : '‖∇W‖'),
  );
  const gradNorms = predictedGradNorms(model);
  const rows = model.ir.layers.map((layer) => {
    const flow = model.flow.layers.find((entry) => entry.layerIndex === layer.index);
    const gain = flow?.log10BackwardGain;
    const row = el(
      'tr',
      { tabindex: 0, class: 'layer-row', 'data-layer-index': layer.index },
      el('td', {}, layer.name),
      el('td', {}, layer.kind),
      el('td', { class: 'number' }, layer.units === undefined ? '' : String(layer.units)),
      el('td', {}, activationText(layer)),
      el('td', {}, initializerText(layer.kernelInitializer, layer)),
      el('td', { class: 'number', title: gain === undefined ? '' : `backward mean-square gain 10^${gain.toFixed(2)}` }, gain === undefined ? '' : `×${formatNumber(10 ** gain)}`),
      el('td', { class: 'number' }, gradNorms.get(layer.index) ?? ''),
    );
    row.addEventListener('click', () => onReveal(layer.index));
    row.addEventListener('keydown', (event) => onRowKey(event, row, layer.index, onReveal));
    return row;
  });
  return el(
    'table',
    { class: 'layers' },
    el('caption', {}, 'Layers (select a row to reveal it in the editor)'),
    el('thead', {}, header),
    el('tbody', {}, ...rows),
  );
}

/** Predicted ‖∇W‖ per kernel layer index, "as written → with fixes" (fixed layers matched by kernel order). */
function predictedGradNorms(model: PanelModel): Map<number, string> {
  const fixed = model.fixed ? kernelLayers(model.fixed.ir, model.fixed.flow) : [];
  const cells = new Map<number, string>();
  for (const layer of kernelLayers(model.ir, model.flow)) {
    const written = layer.flow.log10GradNorm;
    if (written === undefined) continue;
    const after = fixed[layer.ordinal]?.flow.log10GradNorm;
    cells.set(layer.flow.layerIndex, after === undefined ? formatNumber(10 ** written) : `${formatNumber(10 ** written)} → ${formatNumber(10 ** after)}`);
  }
  return cells;
}

function onRowKey(event: KeyboardEvent, row: HTMLTableRowElement, layerIndex: number, onReveal: (layerIndex: number) => void): void {
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    onReveal(layerIndex);
  } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    const next = event.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling;
    if (next instanceof HTMLElement) next.focus();
  }
}

function activationText(layer: LayerIR): string {
  if (layer.activation !== undefined) return layer.activation;
  return layer.unresolved.includes('activation') ? '(unresolved)' : '';
}

function initializerText(initializer: InitializerIR | undefined, layer: LayerIR): string {
  if (!initializer) return layer.unresolved.includes('kernelInitializer') ? '(unresolved)' : '';
  const args = Object.entries(initializer.args).map(([name, value]) => `${name}: ${value}`);
  return args.length ? `${initializer.name}(${args.join(', ')})` : initializer.name;
}
