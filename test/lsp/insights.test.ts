/**
 * Inlay hints and hovers over stdio, as Neovim or VS Code ask for them: the exact text for a sick
 * and a healthy model, positions inside the document at the end of each layer call, updates after
 * an edit, and `gradientDoctor.inlayHints` (off / problems / all), including a settings change.
 */
import assert from 'node:assert/strict';
import {
  DidChangeConfigurationNotification,
  HoverRequest,
  InlayHintRefreshRequest,
  InlayHintRequest,
  type Hover,
  type InlayHint,
  type MarkupContent,
  type Position,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SHOW_FLOW_COMMAND } from '../../server/src/engine/protocol';
import { BUILD_TIMEOUT_MS } from './helpers/ensureBuilt';
import { exampleText, HEALTHY_RELU, SICK_SIGMOID } from './helpers/examples';
import { PULL_CLIENT, PUSH_ONLY_CLIENT, TestClient } from './helpers/testClient';

const SICK_URI = 'file:///insights/sick.ts';
const HEALTHY_URI = 'file:///insights/healthy.ts';
const ALL_URI = 'file:///insights/all/healthy.ts';
const OFF_URI = 'file:///insights/off/sick.ts';

const WHOLE = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };

/** Offsets just after each `tf.layers.dense({...})` call of a text: where the hints must sit. */
function layerCallEnds(text: string): number[] {
  const ends: number[] = [];
  for (let start = text.indexOf('tf.layers.dense('); start >= 0; start = text.indexOf('tf.layers.dense(', start + 1)) {
    ends.push(text.indexOf('})', start) + 2);
  }
  return ends;
}

function positionOf(text: string, needle: string, occurrence = 0): Position {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) offset = text.indexOf(needle, offset + 1);
  assert.ok(offset >= 0, `${needle} not in the text`);
  return TextDocument.create('x', 'typescript', 1, text).positionAt(offset + 1);
}

function markdownOf(hover: Hover | null): string {
  assert.ok(hover, 'a hover');
  return (hover.contents as MarkupContent).value;
}

describe('language server over stdio: inlay hints and hovers', function () {
  let client: TestClient;
  let hintMode: Record<string, string> = { [ALL_URI]: 'all', [OFF_URI]: 'off' };
  let refreshes = 0;

  before(async function () {
    this.timeout(BUILD_TIMEOUT_MS);
    client = await TestClient.start({
      capabilities: { ...PULL_CLIENT, workspace: { ...PULL_CLIENT.workspace, inlayHint: { refreshSupport: true } } },
      // VS Code runs the flow command itself: hovers may link to it.
      initializationOptions: { handledCommands: [SHOW_FLOW_COMMAND] },
      configuration: (item) => (item.scopeUri && hintMode[item.scopeUri] ? { inlayHints: hintMode[item.scopeUri] } : null),
    });
    client.connection.onRequest(InlayHintRefreshRequest.type, () => {
      refreshes += 1;
      return null;
    });
    await client.open(SICK_URI, exampleText(SICK_SIGMOID));
    await client.open(HEALTHY_URI, exampleText(HEALTHY_RELU));
    await client.open(ALL_URI, exampleText(HEALTHY_RELU));
    await client.open(OFF_URI, exampleText(SICK_SIGMOID));
  });
  after(async () => client.stop());

  const hints = (uri: string, range = WHOLE) => client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range }) as Promise<InlayHint[]>;
  const hover = (uri: string, position: Position) => client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  /**
   * A hover once the model with its preferred fixes is predicted: the first hover of a version may
   * run out of its 10 ms for that and say so, and the server finishes it in the background.
   */
  const settledHover = async (uri: string, position: Position) => {
    for (const deadline = Date.now() + 10_000; ; await new Promise((resolve) => setTimeout(resolve, 50))) {
      const received = await hover(uri, position);
      if (!markdownOf(received).includes('being predicted (hover again') || Date.now() > deadline) return received;
    }
  };

  it('puts ‖∇W‖ with its band marker at the end of each layer call of a sick model', async () => {
    const text = exampleText(SICK_SIGMOID);
    const document = TextDocument.create(SICK_URI, 'typescript', 1, text);
    const received = await hints(SICK_URI);
    assert.deepEqual(received.map((hint) => hint.label), ['‖∇W‖ 1e-5 ▼', '‖∇W‖ 1e-4…0.87 ×7 ▼', '‖∇W‖ 2.6']);
    assert.deepEqual(received.map((hint) => document.offsetAt(hint.position)), layerCallEnds(text));
    for (const hint of received) {
      assert.ok(hint.position.line < document.lineCount && hint.position.character <= text.split('\n')[hint.position.line].length, 'inside the document');
      assert.equal(hint.paddingLeft, true);
    }
    assert.equal(
      received[1].tooltip,
      'dense_2, dense_3 … dense_8 (7 layers): Predicted ‖∇W‖ at initialization: dense_2 1e-4 (vanishing), dense_3 6e-4 (vanishing), ' +
        'dense_4 3e-3, dense_5 0.012, dense_6 0.049, dense_7 0.21, dense_8 0.87. Vanishing band ≤ 3e-3, exploding band ≥ 180.',
    );
  });

  it('answers only the hints inside the requested range', async () => {
    const text = exampleText(SICK_SIGMOID);
    const received = await hints(SICK_URI, { start: positionOf(text, 'for (let i'), end: positionOf(text, 'model.compile') });
    assert.deepEqual(received.map((hint) => hint.label), ['‖∇W‖ 1e-4…0.87 ×7 ▼', '‖∇W‖ 2.6']);
  });

  it('keeps a healthy model quiet by default (problems), and shows it with inlayHints = all', async () => {
    assert.deepEqual(await hints(HEALTHY_URI), []);
    const all = await hints(ALL_URI);
    assert.deepEqual(all.map((hint) => hint.label), ['‖∇W‖ 0.073', '‖∇W‖ 0.075…0.097 ×6', '‖∇W‖ 0.12']);
    assert.deepEqual(all.map((hint) => TextDocument.create(ALL_URI, 'typescript', 1, exampleText(HEALTHY_RELU)).offsetAt(hint.position)), layerCallEnds(exampleText(HEALTHY_RELU)));
  });

  it('shows no hints with inlayHints = off, even on a sick model', async () => {
    assert.deepEqual(await hints(OFF_URI), []);
  });

  it('asks the client to refresh its hints when the setting changes, and honours the new value', async () => {
    const before = refreshes;
    hintMode = { ...hintMode, [OFF_URI]: 'problems', [HEALTHY_URI]: 'all' };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await waitFor(() => refreshes > before);
    assert.deepEqual((await hints(OFF_URI)).map((hint) => hint.label), ['‖∇W‖ 1e-5 ▼', '‖∇W‖ 1e-4…0.87 ×7 ▼', '‖∇W‖ 2.6']);
    assert.equal((await hints(HEALTHY_URI)).length, 3);
  });

  it('hovers a layer call: the numbers behind the verdict, the assumptions and the links', async () => {
    const text = exampleText(SICK_SIGMOID);
    const received = await settledHover(SICK_URI, positionOf(text, 'tf.layers.dense'));
    assert.equal(
      markdownOf(received),
      [
        '**`dense_1`** · dense, 128 units, sigmoid · model `buildClassifier`',
        '',
        '- fan-in 128',
        '- init variance × fan-in 1 (glorotUniform) vs critical gain 1 of sigmoid: 1×',
        '- pre-activation sd 1',
        '- saturated (|z| > 5): 6e-5%',
        '- ‖∇W‖ as written: **1e-5 ▼ vanishing** (bands: vanishing ≤ 3e-3, exploding ≥ 180)',
        '- ‖∇W‖ with the preferred fix: **2** (Use relu + heUniform in the hidden layers)',
        '- findings: vanishing-gradient (warning)',
        '',
        '*Assumptions: none; every size and setting was read from the code.*',
        '',
        '[Show the gradient flow of this model](command:gradientDoctor.showFlow?%5B%22file%3A%2F%2F%2Finsights%2Fsick.ts%22%2C0%5D) · ' +
          '[vanishing-gradient](https://github.com/gradient-doctor/gradient-doctor/blob/main/docs/rules/vanishing-gradient.md)',
      ].join('\n'),
    );
    const document = TextDocument.create(SICK_URI, 'typescript', 1, text);
    const start = text.indexOf('tf.layers.dense');
    assert.deepEqual(received!.range, { start: document.positionAt(start), end: document.positionAt(layerCallEnds(text)[0]) });
  });

  it('hovers an activation value with its own range, and the loop call with all of its layers', async () => {
    const text = exampleText(SICK_SIGMOID);
    const document = TextDocument.create(SICK_URI, 'typescript', 1, text);
    const onActivation = await hover(SICK_URI, positionOf(text, "'sigmoid'"));
    const literal = text.indexOf("'sigmoid'");
    assert.deepEqual(onActivation!.range, { start: document.positionAt(literal), end: document.positionAt(literal + "'sigmoid'".length) });
    const inLoop = markdownOf(await settledHover(SICK_URI, positionOf(text, 'tf.layers.dense', 1)));
    assert.match(inLoop, /^\*\*`dense_2`, `dense_3` … `dense_8` \(7 layers\)\*\* · one call · dense, 128 units, sigmoid/);
    assert.match(
      inLoop,
      /\n- ‖∇W‖ as written: \*\*`dense_2` 1e-4 ▼ vanishing, `dense_3` 6e-4 ▼ vanishing, `dense_4` 3e-3, `dense_5` 0\.012, `dense_6` 0\.049, `dense_7` 0\.21, `dense_8` 0\.87\*\*/,
    );
    assert.match(inLoop, /\n- ‖∇W‖ with the preferred fix: \*\*`dense_2` 3\.7, `dense_3` 4\.8, `dense_4` 5\.7, `dense_5` 6\.3, `dense_6` 6\.9, `dense_7` 7\.3, `dense_8` 7\.7\*\* \(Use relu \+ heUniform in the hidden layers\)\n/);
  });

  it('hovers an optimizer: its learning rate, the threshold and the conventional value', async () => {
    const text = exampleText(SICK_SIGMOID);
    assert.equal(
      markdownOf(await hover(SICK_URI, positionOf(text, "'adam'"))).split('\n\n')[0],
      [
        '**adam** optimizer · model `buildClassifier`',
        '',
        "- learning rate 0.001 (tfjs default for 'adam')",
        '- threshold 0.01 (gradientDoctor.thresholds.learningRate.adam)',
        '- conventional adam rate: 0.001',
        '- gradient clipping: none seen on the training path',
      ].join('\n').split('\n\n')[0],
    );
  });

  it('hovers a healthy model: no fix, and the assumptions it rests on (an input size it could not read)', async () => {
    const text = exampleText(HEALTHY_RELU);
    const card = markdownOf(await hover(HEALTHY_URI, positionOf(text, 'tf.layers.dense')));
    assert.equal(
      card,
      [
        '**`dense_1`** · dense, 128 units, relu · model `buildMlp`',
        '',
        '- fan-in 128',
        '- init variance × fan-in 2 (heUniform) vs critical gain 2 of relu: 1×',
        '- pre-activation sd 1.4',
        '- dead (z ≤ 0): 50%',
        '- ‖∇W‖ as written: **0.073** (bands: vanishing ≤ 1e-4, exploding ≥ 8.5)',
        '- ‖∇W‖ with the preferred fix: no fix proposed for this model',
        '',
        '*Assumptions the numbers rest on:*',
        '- dense_1: input size not known statically; 128 used (plausible 8..4096)',
        '- dense_8: softmax linearised around uniform output although its logit sd is 1.20 (\\> 1)',
        '',
        '[Show the gradient flow of this model](command:gradientDoctor.showFlow?%5B%22file%3A%2F%2F%2Finsights%2Fhealthy.ts%22%2C0%5D)',
      ].join('\n'),
    );
    assert.equal(await hover(HEALTHY_URI, { line: 0, character: 0 }), null, 'nothing to say outside models');
  });

  it('follows edits: hints and hovers of the next version, at their new positions', async () => {
    // A line above the model moves everything down; twelve layers instead of eight change the numbers.
    await client.change(SICK_URI, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// moved down\n' }]);
    const depth = positionOf(client.documents.get(SICK_URI)!.getText(), 'DEPTH = 8');
    const eight = { line: depth.line, character: depth.character - 1 + 'DEPTH = '.length };
    await client.change(SICK_URI, [{ range: { start: eight, end: { line: eight.line, character: eight.character + 1 } }, text: '12' }]);
    const document = client.documents.get(SICK_URI)!;
    const received = await hints(SICK_URI);
    assert.deepEqual(received.map((hint) => hint.label), EDITED_LABELS);
    assert.deepEqual(received.map((hint) => document.offsetAt(hint.position)), layerCallEnds(document.getText()));
    const card = markdownOf(await settledHover(SICK_URI, positionOf(document.getText(), 'tf.layers.dense')));
    assert.match(card, EDITED_FIRST_LAYER);
    // Three layers: the gradients no longer vanish, the model has no finding and its hints go quiet.
    await client.change(SICK_URI, [{ range: { start: eight, end: { line: eight.line, character: eight.character + 2 } }, text: '3' }]);
    assert.deepEqual(await hints(SICK_URI), []);
    const report = await client.pull(SICK_URI);
    assert.ok(report.kind === 'full' && !report.items.some((diagnostic) => diagnostic.code === 'vanishing-gradient'), 'the diagnostics agree');
  });

  it('works for a minimal client too (no configuration, no panel): hints by default, hovers without the panel link', async () => {
    const minimal = await TestClient.start({ capabilities: PUSH_ONLY_CLIENT });
    try {
      await minimal.open(SICK_URI, exampleText(SICK_SIGMOID));
      const received = (await minimal.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: SICK_URI }, range: WHOLE })) as InlayHint[];
      assert.deepEqual(received.map((hint) => hint.label), ['‖∇W‖ 1e-5 ▼', '‖∇W‖ 1e-4…0.87 ×7 ▼', '‖∇W‖ 2.6']);
      const card = markdownOf(await minimal.connection.sendRequest(HoverRequest.type, { textDocument: { uri: SICK_URI }, position: positionOf(exampleText(SICK_SIGMOID), 'tf.layers.dense') }));
      assert.doesNotMatch(card, /command:/);
      assert.match(card, /\[vanishing-gradient\]\(https:\/\/github\.com\/gradient-doctor\/gradient-doctor\/blob\/main\/docs\/rules\/vanishing-gradient\.md\)$/);
    } finally {
      await minimal.stop();
    }
  });
});

/** The sick example with DEPTH = 12: dense_1 falls further, the loop call holds 11 layers. */
const EDITED_LABELS = ['‖∇W‖ 4e-8 ▼', '‖∇W‖ 5e-7…0.87 ×11 ▼', '‖∇W‖ 2.6'];
const EDITED_FIRST_LAYER = /\n- ‖∇W‖ as written: \*\*4e-8 ▼ vanishing\*\* \(bands: vanishing ≤ 3e-3, exploding ≥ 180\)\n- ‖∇W‖ with the preferred fix: \*\*[0-9.]+\*\* \(Use relu \+ heUniform in the hidden layers\)\n/;

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
