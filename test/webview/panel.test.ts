/**
 * The panel webview in real headless Chromium: the page the extension serves (same HTML, CSP,
 * bundle and stylesheet), fed a real analysis of an example model, checked for what it draws,
 * what it posts back, and that hostile layer names stay text.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { isServerFix, parsePanelMessage } from '../../client/src/panel/webviewMessages';
import { formatNumber } from '../../media/src/format';
import { buildPanelPayload } from '../../server/src/engine/panelPayload';
import type { AnalysisResponse } from '../../server/src/engine/protocol';
import { DEFAULT_SETTINGS } from '../../server/src/engine/settings';
import { ROOT, ensureChromium, ensureWebviewBundle, launchChromium, longTasks, openPanel, startPanelServer, violations, type PanelPage, type PanelServer } from './harness';

const EXAMPLE = 'examples/sick/deep-sigmoid-classifier.ts';
const EXAMPLE_URI = 'file:///workspace/examples/sick/deep-sigmoid-classifier.ts';
const ARTIFACTS = path.join(ROOT, 'test-artifacts/webview');
/** The example has eight sigmoid layers and a dense head (DEPTH = 8 in its source). */
const EXAMPLE_KERNEL_LAYERS = 9;
/** The tfjs simulation (4 seeds x 2 models + 2 training previews) on a software-GL headless browser. */
const SIMULATION_TIMEOUT_MS = 150_000;

/** Main-thread tasks longer than this would make the panel stutter while tfjs runs. */
const MAX_MAIN_THREAD_TASK_MS = 250;

function examplePayload(transform: (text: string) => string = (text) => text, settings = DEFAULT_SETTINGS): AnalysisResponse {
  const text = transform(readFileSync(path.join(ROOT, EXAMPLE), 'utf8'));
  return buildPanelPayload(text, EXAMPLE_URI, 7, settings);
}

/** Counts main-thread long tasks from now on (not the page's own start-up, parsing the bundle). */
async function forgetLongTasks(panel: PanelPage): Promise<void> {
  await panel.page.evaluate('window.__longTasks.length = 0');
}

/** Waits until the simulation reports it finished; returns the status line. */
async function simulationDone(panel: PanelPage): Promise<string> {
  await panel.page.waitForFunction(() => /mean ± sd over seeds, in [\d.]+ s\.$/.test(document.getElementById('simulation-status')?.textContent ?? ''), undefined, {
    timeout: SIMULATION_TIMEOUT_MS,
  });
  return (await panel.page.locator('#simulation-status').textContent()) ?? '';
}

async function count(panel: PanelPage, selector: string): Promise<number> {
  return panel.page.locator(selector).count();
}

/** The y pixel of each point of a series, in x order. */
async function pointHeights(panel: PanelPage, series: string): Promise<number[]> {
  return panel.page.locator(`[data-chart="gradient"] [data-series="${series}"] circle`).evaluateAll((circles) => circles.map((c) => Number(c.getAttribute('cy'))));
}

describe('panel webview in headless Chromium', function () {
  this.timeout(SIMULATION_TIMEOUT_MS + 60_000);
  let server: PanelServer;
  let browser: Browser;

  before(async () => {
    ensureChromium();
    ensureWebviewBundle();
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startPanelServer();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  describe('a real analysis of the sick example', () => {
    let panel: PanelPage;
    let payload: AnalysisResponse;

    before(async () => {
      payload = examplePayload();
      assert.equal(payload.models.length, 1, 'extraction finds the example model');
      panel = await openPanel(browser, server.origin, 'dark');
      await forgetLongTasks(panel);
      await panel.send({ type: 'analysis', response: payload, modelIndex: 0 });
    });

    after(() => panel?.page.close());

    it('draws the summary, the analytic curves and the layer table at once', async () => {
      const model = payload.models[0];
      const kernelLayers = model.flow.layers.filter((layer) => layer.hasKernel).length;
      assert.equal(kernelLayers, EXAMPLE_KERNEL_LAYERS);

      const summary = await panel.page.locator('#summary').textContent();
      assert.match(summary ?? '', /^buildClassifier \(9 weight layers\): gradients vanish: the first layer's gradient is [\d.e-]+ × the last layer's; with the suggested fix it would be [\d.e-]+\.$/);
      assert.equal(await panel.page.locator('#assumptions').textContent(), 'Assumptions: none; every size and setting was read from the code.');

      assert.equal(await count(panel, '[data-chart="gradient"] [data-series="analytic-written"] [data-point]'), kernelLayers);
      assert.equal(await count(panel, '[data-chart="gradient"] [data-series="analytic-fixed"] [data-point]'), kernelLayers);
      // Vanishing: as written, the first layer sits far below the last (SVG y grows downwards).
      const written = await pointHeights(panel, 'analytic-written');
      assert.ok(written[0] > written[written.length - 1] + 50, `first ${written[0]} vs last ${written[written.length - 1]}`);
      assert.equal(await count(panel, '[data-chart="gradient"] rect.band.vanishing'), 1);

      const rows = panel.page.locator('tr.layer-row');
      assert.equal(await rows.count(), model.ir.layers.length);
      const gradNorms = (layer: number) => `${formatNumber(10 ** model.flow.layers[layer].log10GradNorm!)} → ${formatNumber(10 ** model.fixed!.flow.layers[layer].log10GradNorm!)}`;
      assert.deepEqual(await rows.nth(0).locator('td').allTextContents(), ['dense_1', 'dense', '128', 'sigmoid', 'glorotUniform', cellFactor(model.flow.layers[0].log10BackwardGain), gradNorms(0)]);
      assert.deepEqual(await rows.nth(8).locator('td').allTextContents(), ['dense_9', 'dense', '10', '', 'glorotUniform', cellFactor(model.flow.layers[8].log10BackwardGain), gradNorms(8)]);
      assert.match(gradNorms(0), /^\d(\.\d)?e-\d → \d+(\.\d+)?$/);
      assert.equal(await count(panel, 'ul.fixes button'), model.fixes.length);
    });

    it('fills in the measured points and the training preview from tfjs, with tooltips', async () => {
      await panel.page.waitForFunction(
        (n) => document.querySelectorAll('[data-chart="gradient"] [data-series="empirical-written"] [data-point]').length === n && document.querySelectorAll('[data-series="training-loss-fixed"] [data-point]').length > 0,
        EXAMPLE_KERNEL_LAYERS,
        { timeout: SIMULATION_TIMEOUT_MS },
      );
      assert.equal(await count(panel, '[data-chart="gradient"] [data-series="empirical-written"] [data-point]'), EXAMPLE_KERNEL_LAYERS);
      assert.equal(await count(panel, '[data-chart="gradient"] [data-series="empirical-fixed"] [data-point]'), EXAMPLE_KERNEL_LAYERS);
      // The measurement confirms the vanishing gradient the analysis predicts.
      const measured = await pointHeights(panel, 'empirical-written');
      assert.ok(measured[0] > measured[measured.length - 1] + 50);
      const tooltip = await panel.page.locator('[data-chart="gradient"] [data-series="empirical-written"] [data-point] >> nth=0 >> title').textContent();
      assert.match(tooltip ?? '', /^dense_1 \(As written \(measured\), 4 seeds, batch 64\): ‖∇W‖ ≈ \S+ \(10\^-\d\.\d\d ± \d\.\d\d decades\)$/);
      const steps = await count(panel, '[data-series="training-loss-written"] [data-point]');
      assert.ok(steps > 1 && steps <= DEFAULT_SETTINGS.simulation.trainingSteps, `${steps} training steps drawn`);
      assert.match(await simulationDone(panel), /measured with tfjs \((webgl|cpu)\), mean ± sd over seeds/);
      // tfjs ran in the worker: the page's main thread never blocked.
      const tasks = await longTasks(panel.page);
      assert.ok(Math.max(0, ...tasks) < MAX_MAIN_THREAD_TASK_MS, `main-thread tasks (ms): ${tasks.map(Math.round).join(', ')}`);
    });

    it('looks right in the dark and light themes (screenshots)', async () => {
      for (const theme of ['dark', 'light'] as const) {
        await panel.setTheme(theme);
        await panel.page.screenshot({ path: path.join(ARTIFACTS, `panel-${theme}.png`), fullPage: true });
        const background = await panel.page.evaluate('getComputedStyle(document.body).backgroundColor');
        assert.equal(background, theme === 'dark' ? 'rgb(37, 37, 38)' : 'rgb(243, 243, 243)');
      }
    });

    it('reveals a layer when its row is clicked, or chosen with the keyboard', async () => {
      const model = payload.models[0];
      await panel.page.locator('tr.layer-row').nth(0).click();
      await panel.page.locator('tr.layer-row').nth(0).press('ArrowDown');
      await panel.page.keyboard.press('Enter');
      const reveals = (await panel.posted()).filter((message) => (message as { type: string }).type === 'reveal');
      assert.deepEqual(reveals, [
        { type: 'reveal', uri: EXAMPLE_URI, range: model.layerRanges[0] },
        { type: 'reveal', uri: EXAMPLE_URI, range: model.layerRanges[1] },
      ]);
      // dense_1 is written on line 11 of the example (0-based 10), the loop's layers on line 13.
      assert.equal(model.layerRanges[0].start.line, 10);
      assert.equal(model.layerRanges[1].start.line, 12);
    });

    it('"Apply" sends exactly the edits the server computed, which the extension accepts', async () => {
      const model = payload.models[0];
      const preferred = model.fixes.findIndex((fix) => fix.preferred);
      await panel.page.locator(`ul.fixes button[data-fix-index="${preferred}"]`).click();
      const sent = (await panel.posted()).filter((message) => (message as { type: string }).type === 'applyFix');
      assert.deepEqual(sent, [{ type: 'applyFix', uri: EXAMPLE_URI, version: 7, edits: model.fixes[preferred].edits }]);
      assert.deepEqual(model.fixes[preferred].edits[0], { range: { start: { line: 10, character: 81 }, end: { line: 10, character: 90 } }, newText: "'relu'" });
      const parsed = parsePanelMessage(sent[0]);
      assert.ok(parsed?.type === 'applyFix' && isServerFix(payload, parsed.edits));
    });

    it('reported no CSP violation, page error or dialog', async () => {
      assert.deepEqual(await violations(panel.page), []);
      assert.deepEqual(panel.problems, []);
      assert.deepEqual(panel.dialogs, []);
    });
  });

  it('shows a layer named <img src=x onerror=alert(1)> as text; nothing runs, nothing is blocked', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const payload = examplePayload((text) => text.replace('units: HIDDEN', `name: '${hostile}', units: HIDDEN`));
    assert.equal(payload.models[0].ir.layers[0].name, hostile, 'extraction keeps the name');
    const panel = await openPanel(browser, server.origin);
    try {
      await panel.send({ type: 'analysis', response: payload, modelIndex: 0 });
      await panel.page.locator('tr.layer-row').first().waitFor();
      assert.equal(await panel.page.locator('tr.layer-row >> nth=0 >> td >> nth=0').textContent(), hostile);
      const tooltip = await panel.page.locator('[data-chart="gradient"] [data-series="analytic-written"] [data-point] >> nth=0 >> title').textContent();
      assert.ok(tooltip?.startsWith(`${hostile} (As written (analytic)): ‖∇W‖ ≈ `), tooltip ?? '');
      assert.equal(await count(panel, 'img'), 0);
      // Give an injected handler the chance to fire before concluding it did not.
      await panel.page.waitForTimeout(500);
      assert.deepEqual(panel.dialogs, []);
      assert.deepEqual(await violations(panel.page), []);
      assert.deepEqual(panel.problems, []);
    } finally {
      await panel.page.close();
    }
  });

  it('replaces a running measurement when a newer analysis arrives; nothing stale arrives later', async () => {
    const sick = examplePayload();
    const healthyText = readFileSync(path.join(ROOT, 'examples/healthy/relu-he-mlp.ts'), 'utf8');
    const healthy = buildPanelPayload(healthyText, 'file:///workspace/examples/healthy/relu-he-mlp.ts', 1, DEFAULT_SETTINGS);
    const healthyKernels = healthy.models[0].flow.layers.filter((layer) => layer.hasKernel).length;
    assert.notEqual(healthyKernels, EXAMPLE_KERNEL_LAYERS);
    const panel = await openPanel(browser, server.origin);
    try {
      await panel.send({ type: 'analysis', response: sick, modelIndex: 0 });
      await panel.page.waitForFunction(() => /measuring gradients/.test(document.getElementById('simulation-status')?.textContent ?? ''), undefined, { timeout: 30_000 });
      await panel.send({ type: 'analysis', response: healthy, modelIndex: 0 });
      assert.match((await panel.page.locator('#summary').textContent()) ?? '', /^buildMlp /);
      // The header lists what the healthy example's numbers assume (its input size is a parameter).
      const assumed = await panel.page.locator('#assumptions li').allTextContents();
      assert.deepEqual(assumed, healthy.models[0].assumptions);
      assert.ok(assumed.some((text) => /^dense_1: input size not known statically/.test(text)), JSON.stringify(assumed));
      assert.match((await panel.page.locator('#assumptions summary').textContent()) ?? '', new RegExp(`^Assumptions \\(${assumed.length}\\): `));
      await simulationDone(panel);
      const layerName = healthy.models[0].ir.layers[0].name;
      const measuredFirst = () => panel.page.locator('[data-chart="gradient"] [data-series="empirical-written"] [data-point] >> nth=0 >> title').textContent();
      assert.equal(await count(panel, '[data-chart="gradient"] [data-series="empirical-written"] [data-point]'), healthyKernels);
      assert.ok((await measuredFirst())?.startsWith(`${layerName} `));
      // Nothing from the cancelled run arrives later.
      await panel.page.waitForTimeout(3000);
      assert.equal(await count(panel, '[data-chart="gradient"] [data-series="empirical-written"] [data-point]'), healthyKernels);
      assert.match((await panel.page.locator('#summary').textContent()) ?? '', /^buildMlp /);
    } finally {
      await panel.page.close();
    }
  });

  it('falls back to the tfjs CPU backend without WebGL, still off the main thread', async () => {
    const cpuBrowser = await launchChromium({ webgl: false });
    try {
      // Fewer seeds and steps (user settings) keep the slower CPU run short.
      const payload = examplePayload(undefined, { ...DEFAULT_SETTINGS, simulation: { batch: 64, seeds: 2, trainingSteps: 20 } });
      const panel = await openPanel(cpuBrowser, server.origin);
      await forgetLongTasks(panel);
      await panel.send({ type: 'analysis', response: payload, modelIndex: 0 });
      assert.match(await simulationDone(panel), /measured with tfjs \(cpu\)/);
      assert.equal(await count(panel, '[data-chart="gradient"] [data-series="empirical-written"] [data-point]'), EXAMPLE_KERNEL_LAYERS);
      assert.equal(await count(panel, '[data-series="training-loss-written"] [data-point]'), 20);
      const tasks = await longTasks(panel.page);
      assert.ok(Math.max(0, ...tasks) < MAX_MAIN_THREAD_TASK_MS, `main-thread tasks (ms): ${tasks.map(Math.round).join(', ')}`);
      assert.deepEqual(await violations(panel.page), []);
      assert.deepEqual(panel.problems, []);
    } finally {
      await cpuBrowser.close();
    }
  });

  it('shows the model the extension selects, and lets the user pick another', async () => {
    const text = [
      "import * as tf from '@tensorflow/tfjs';",
      'export function tower() {',
      '  const model = tf.sequential();',
      "  model.add(tf.layers.dense({ inputShape: [16], units: 16, activation: 'relu', kernelInitializer: 'heUniform' }));",
      '  model.add(tf.layers.dense({ units: 1 }));',
      '  return model;',
      '}',
      'export function deepTanh() {',
      '  const model = tf.sequential();',
      "  model.add(tf.layers.dense({ inputShape: [32], units: 32, activation: 'tanh' }));",
      "  for (let i = 0; i < 5; i++) model.add(tf.layers.dense({ units: 32, activation: 'tanh' }));",
      '  model.add(tf.layers.dense({ units: 1 }));',
      '  return model;',
      '}',
      '',
    ].join('\n');
    const payload = buildPanelPayload(text, 'file:///workspace/two.ts', 2, DEFAULT_SETTINGS);
    assert.deepEqual(payload.models.map((model) => model.name), ['tower', 'deepTanh']);
    const panel = await openPanel(browser, server.origin);
    const summary = async () => (await panel.page.locator('#summary').textContent()) ?? '';
    try {
      await panel.send({ type: 'analysis', response: payload, modelIndex: 1 });
      assert.match(await summary(), /^deepTanh \(7 weight layers\)/);
      assert.deepEqual(await panel.page.locator('#model-picker option').allTextContents(), ['tower', 'deepTanh']);
      await panel.send({ type: 'selectModel', modelIndex: 0 });
      assert.match(await summary(), /^tower \(2 weight layers\)/);
      assert.equal(await count(panel, 'tr.layer-row'), 2);
      await panel.page.locator('#model-picker').selectOption('1');
      assert.match(await summary(), /^deepTanh /);
      assert.equal(await count(panel, '[data-chart="gradient"] [data-series="analytic-written"] [data-point]'), 7);
    } finally {
      await panel.page.close();
    }
  });

  it('lets the user pick the variant shown, and keeps that choice when the cursor moves and the file is analysed again', async () => {
    const text = [
      "import * as tf from '@tensorflow/tfjs';",
      'export function buildModel(rnnType: string) {',
      '  const model = tf.sequential();',
      '  model.add(tf.layers.embedding({ inputDim: 100, outputDim: 8, inputLength: 120 }));',
      "  if (rnnType === 'lstm') model.add(tf.layers.lstm({ units: 8 }));",
      '  else model.add(tf.layers.simpleRNN({ units: 8 }));',
      '  model.add(tf.layers.dense({ units: 1 }));',
      '  return model;',
      '}',
      '',
    ].join('\n');
    const payload = buildPanelPayload(text, 'file:///workspace/variants.ts', 3, DEFAULT_SETTINGS);
    assert.deepEqual(payload.models.map((model) => model.name), ["buildModel (when rnnType is 'lstm')", "buildModel (when rnnType is not 'lstm')"]);
    const panel = await openPanel(browser, server.origin);
    const summary = async () => (await panel.page.locator('#summary').textContent()) ?? '';
    try {
      await panel.send({ type: 'analysis', response: payload, modelIndex: 0 });
      assert.match(await summary(), /^buildModel \(when rnnType is 'lstm'\)/);
      assert.deepEqual(await panel.page.locator('#variant-picker option').allTextContents(), ["when rnnType is 'lstm'", "when rnnType is not 'lstm'"]);
      await panel.page.locator('#variant-picker').selectOption('1');
      assert.match(await summary(), /^buildModel \(when rnnType is not 'lstm'\)/);
      // The extension says "the model under the cursor is model 0" (same definition): the pick stands.
      await panel.send({ type: 'selectModel', modelIndex: 0 });
      assert.match(await summary(), /^buildModel \(when rnnType is not 'lstm'\)/);
      await panel.send({ type: 'analysis', response: { ...payload, version: 4 }, modelIndex: 0 });
      assert.match(await summary(), /^buildModel \(when rnnType is not 'lstm'\)/);
      assert.equal(await panel.page.locator('#variant-picker').inputValue(), '1');
    } finally {
      await panel.page.close();
    }
  });

  it('restores from getState when the view is shown again, without a new message', async () => {
    const payload = examplePayload();
    const first = await openPanel(browser, server.origin);
    await first.send({ type: 'analysis', response: payload, modelIndex: 0 });
    await first.page.locator('tr.layer-row').first().waitFor();
    const saved = await first.page.evaluate('window.__state');
    await first.page.close();

    const second = await openPanel(browser, server.origin, 'dark', saved);
    try {
      await second.page.locator('tr.layer-row').first().waitFor();
      assert.equal(await count(second, 'tr.layer-row'), payload.models[0].ir.layers.length);
      assert.equal(await count(second, '[data-chart="gradient"] [data-series="analytic-written"] [data-point]'), EXAMPLE_KERNEL_LAYERS);
    } finally {
      await second.page.close();
    }
  });
});

function cellFactor(log10Gain: number | undefined): string {
  return log10Gain === undefined ? '' : `×${formatNumber(10 ** log10Gain)}`;
}
