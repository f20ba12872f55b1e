/**
 * The panel page: receives the analysis from the extension, draws the summary, charts,
 * fixes and layer table for the selected model, and fills in the empirical measurements as the
 * in-webview tfjs simulation produces them. Untrusted text only ever enters the DOM as text.
 */
import type { AnalysisResponse, ExtensionToPanelMessage, PanelFix, PanelModel } from '../../server/src/engine/protocol';
import { DEFAULT_SETTINGS } from '../../server/src/engine/settings';
import { assumptionList } from './assumptionList';
import { el } from './dom';
import { findingList, fixList } from './fixList';
import { gradientChart } from './gradientChart';
import { layerTable } from './layerTable';
import { preActivationCharts } from './preActivationChart';
import type { Measured, SimulationStatus } from './results';
import { SimulationRunner } from './simulation';
import { summarize } from './summary';
import { trainingCharts } from './trainingChart';
import { choiceOf, preferredVariant, variantPicker, type VariantChoice } from './variants';
import { vscodeApi } from './vscodeApi';

/** What survives the view being hidden and shown again (getState/setState). */
interface PanelState {
  response?: AnalysisResponse;
  modelIndex: number;
  emptyReason?: string;
  /** The last finished measurement, so showing the view again does not re-run tfjs. */
  measured?: Measurement;
  /** The variant the user picked last (variants.ts): shown whenever its definition is. */
  variantChoice?: VariantChoice;
}

interface Measurement {
  /** `measurementKey()` of the model it was measured for. */
  key: string;
  value: Measured;
  status: SimulationStatus;
}

/** Starts the panel UI; called once, when the bundle runs as the page. */
export function startPanel(): void {
  // The URL of this bundle, for starting it again as the simulation worker.
  const bundleUrl = (document.currentScript as HTMLScriptElement).src;
  const vscode = vscodeApi<PanelState>();
  let state: PanelState = vscode.getState() ?? { modelIndex: 0 };
  /** What the charts show: the finished measurement, or the one in progress. */
  let measurement: Measurement | undefined;
  /** Key of the model the runner is measuring, while it runs. */
  let runningKey: string | undefined;
  let notice = '';
  const runner = new SimulationRunner(bundleUrl, (value, status) => {
    if (runningKey === undefined) return;
    measurement = { key: runningKey, value, status };
    if (status.state === 'done' || status.state === 'failed') {
      runningKey = undefined;
      state = { ...state, measured: measurement };
      vscode.setState(state);
    }
    renderMeasurements();
  });

  const app = document.getElementById('app') as HTMLElement;

  window.addEventListener('message', (event: MessageEvent<ExtensionToPanelMessage>) => {
    const message = event.data;
    if (typeof message !== 'object' || message === null) return;
    switch (message.type) {
      case 'analysis':
        if (message.response.uri !== state.response?.uri) notice = '';
        showModel(message.response, preferredVariant(message.response, message.modelIndex, state.variantChoice));
        break;
      case 'selectModel':
        if (state.response) showModel(state.response, preferredVariant(state.response, message.modelIndex, state.variantChoice));
        break;
      case 'empty':
        runner.cancel();
        runningKey = undefined;
        state = { modelIndex: 0, emptyReason: message.reason };
        vscode.setState(state);
        render();
        break;
      case 'fixResult':
        notice = message.message;
        renderNotice();
        break;
    }
  });

  /**
   * Shows model `modelIndex` of `response`: the analytic part at once; the tfjs measurement is
   * reused when the model did not change in a way that matters (typing in a comment), else
   * (re)started, cancelling a stale run.
   */
  function showModel(response: AnalysisResponse, modelIndex: number): void {
    const index = Math.max(0, Math.min(modelIndex, response.models.length - 1));
    state = { ...state, response, modelIndex: index, emptyReason: undefined };
    vscode.setState(state);
    const key = measurementKey();
    if (measurement?.key !== key) measurement = state.measured?.key === key ? state.measured : undefined;
    render();
    const model = response.models[index];
    if (!model) {
      runner.cancel();
      runningKey = undefined;
      return;
    }
    if (runningKey === key) return; // already measuring this model
    runner.cancel();
    runningKey = undefined;
    if (measurement) return; // measured before: the view was hidden, or the cursor came back
    runningKey = key;
    runner.start(model, response.simulation ?? DEFAULT_SETTINGS.simulation);
  }

  /** Measurements depend on the model's IR (and its fixed IR) only, so identical re-analyses reuse them. */
  function measurementKey(): string {
    const model = currentModel();
    return model ? JSON.stringify([model.ir.layers.map(stripSpans), model.ir.training?.optimizer?.name, model.ir.training?.optimizer?.learningRate, model.fixed?.ir.layers.map(stripSpans), state.response?.simulation]) : '';
  }

  function stripSpans(layer: PanelModel['ir']['layers'][number]): unknown {
    return [layer.kind, layer.units, layer.activation, layer.kernelInitializer?.name, layer.kernelInitializer?.args, layer.inputs, layer.inputShape, layer.rate, layer.alpha];
  }

  function currentModel(): PanelModel | undefined {
    return state.response?.models[state.modelIndex];
  }

  function render(): void {
    app.replaceChildren();
    app.setAttribute('aria-busy', 'false');
    const response = state.response;
    const model = currentModel();
    if (!response || !model) {
      const reason = state.emptyReason ?? response?.skipped ?? 'No TensorFlow.js model found in this file.';
      app.appendChild(el('p', { id: 'summary', class: 'summary', role: 'status', 'aria-live': 'polite' }, reason));
      return;
    }
    if (response.models.length > 1) app.appendChild(modelPicker(response));
    const variants = variantPicker(response, state.modelIndex, (index) => pickModel(response, index));
    if (variants) app.appendChild(variants);
    app.appendChild(el('p', { id: 'summary', class: 'summary', role: 'status', 'aria-live': 'polite' }, summarize(model)));
    app.appendChild(assumptionList(model));
    app.appendChild(el('p', { id: 'notice', class: 'status', role: 'status' }, notice));
    app.appendChild(el('div', { id: 'gradient-flow' }));
    app.appendChild(el('h2', {}, 'Suggested fixes'));
    app.appendChild(fixList(model, (fix) => applyFix(response, fix)));
    app.appendChild(el('div', { id: 'measurement-details' }));
    app.appendChild(el('h2', {}, 'Findings'));
    app.appendChild(findingList(model));
    app.appendChild(el('h2', {}, 'Layers'));
    app.appendChild(el('div', { class: 'table-scroll' }, layerTable(model, (layerIndex) => reveal(response, model, layerIndex))));
    renderMeasurements();
  }

  /** The charts: redrawn whenever a measurement arrives, without touching the table's focus. */
  function renderMeasurements(): void {
    const flow = document.getElementById('gradient-flow');
    const details = document.getElementById('measurement-details');
    const response = state.response;
    const model = currentModel();
    if (!flow || !details || !response || !model) return;
    const measured = measurement?.value ?? {};
    const status = measurement?.status ?? { state: 'idle' };
    const width = flow.clientWidth;
    flow.replaceChildren(
      el('h2', {}, 'Gradient norm per weight layer'),
      legend(model),
      gradientChart(response, model, measured, width),
      el('p', { id: 'simulation-status', class: 'status' }, statusText(status)),
    );
    details.replaceChildren(
      el('h2', {}, 'Pre-activation spread'),
      ...preActivationCharts(model, measured, width),
      el('h2', {}, 'Training preview'),
      ...(measured.trainingWritten
        ? trainingCharts(measured, width)
        : [el('p', { class: 'muted' }, status.state === 'failed' ? 'Not available.' : 'Running a short training in tfjs…')]),
    );
  }

  function legend(model: PanelModel): HTMLElement {
    return el(
      'ul',
      { class: 'legend', 'aria-label': 'Legend' },
      el('li', { class: 'written' }, 'as written'),
      model.fixed && el('li', { class: 'fixed' }, 'with fixes'),
      el('li', { class: 'vanishing' }, 'vanishing zone'),
      el('li', { class: 'exploding' }, 'exploding zone'),
    );
  }

  function statusText(status: SimulationStatus): string {
    switch (status.state) {
      case 'idle':
        return 'Lines: analytic prediction. Measuring with tfjs…';
      case 'running':
        return `Lines: analytic prediction; circles: measured with tfjs (${status.backend}), ${status.step}…`;
      case 'done':
        return `Lines: analytic prediction; circles: measured with tfjs (${status.backend}), mean ± sd over seeds, in ${status.seconds.toFixed(1)} s.`;
      case 'failed':
        return `Lines: analytic prediction. The tfjs measurement failed: ${status.message}`;
    }
  }

  function renderNotice(): void {
    const element = document.getElementById('notice');
    if (element) element.textContent = notice;
  }

  function modelPicker(response: AnalysisResponse): HTMLElement {
    const select = el(
      'select',
      { id: 'model-picker', 'aria-label': 'Model' },
      ...response.models.map((model, index) => el('option', { value: index, selected: index === state.modelIndex }, model.name)),
    );
    select.addEventListener('change', () => pickModel(response, Number(select.value)));
    return el('p', {}, el('label', { for: 'model-picker' }, 'Model '), select);
  }

  /** The user chose a model: a variant chosen stays shown for its definition. */
  function pickModel(response: AnalysisResponse, index: number): void {
    const choice = choiceOf(response, index);
    if (choice) state = { ...state, variantChoice: choice };
    showModel(response, index);
  }

  function reveal(response: AnalysisResponse, model: PanelModel, layerIndex: number): void {
    const range = model.layerRanges[layerIndex];
    if (range) vscode.postMessage({ type: 'reveal', uri: response.uri, range });
  }

  function applyFix(response: AnalysisResponse, fix: PanelFix): void {
    notice = `Applying "${fix.title}"…`;
    renderNotice();
    vscode.postMessage({ type: 'applyFix', uri: response.uri, version: response.version, edits: fix.edits });
  }

  // Charts are drawn at the panel's pixel width (readable text at any width): redraw on resize.
  let lastWidth = app.clientWidth;
  new ResizeObserver(() => {
    if (app.clientWidth === lastWidth) return;
    lastWidth = app.clientWidth;
    renderMeasurements();
  }).observe(app);

  if (state.response) showModel(state.response, state.modelIndex);
  else render();
  vscode.postMessage({ type: 'ready' });
}
