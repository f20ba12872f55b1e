/**
 * The per-model cache (server/src/engine/cache.ts): while the user types in one model, the
 * others come from the cache, and the result is exactly what an analysis from scratch gives.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, type AnalysisResult } from '../../../server/src/engine/analyze';
import { ModelCache } from '../../../server/src/engine/cache';
import { RULE_IDS } from '../../../server/src/engine/findings';
import { DEFAULT_SETTINGS, type Settings } from '../../../server/src/engine/settings';

const HEADER = "import * as tf from '@tensorflow/tfjs';\nconst HIDDEN = 64;\n";

function sigmoidModel(name: string, depth: number): string {
  return [
    `export function ${name}() {`,
    '  const model = tf.sequential();',
    "  model.add(tf.layers.dense({ inputShape: [HIDDEN], units: HIDDEN, activation: 'sigmoid' }));",
    `  for (let i = 0; i < ${depth}; i++) model.add(tf.layers.dense({ units: HIDDEN, activation: 'sigmoid' }));`,
    '  model.add(tf.layers.dense({ units: 1 }));',
    '  model.compile({ optimizer: tf.train.sgd(2), loss: "meanSquaredError" });',
    '  return model;',
    '}',
    '',
  ].join('\n');
}

const TEXT = HEADER + sigmoidModel('first', 8) + sigmoidModel('second', 9) + sigmoidModel('third', 10);

/** What must not depend on the cache (plain data: the cache may share objects between results). */
function comparable(result: AnalysisResult): unknown {
  return JSON.parse(JSON.stringify({ findings: result.findings, flows: result.models.map((model) => model.flow) }));
}

function assertSameAsScratch(text: string, cache: ModelCache): AnalysisResult {
  const cached = analyze(text, 'model.ts', undefined, { cache });
  assert.deepEqual(comparable(cached), comparable(analyze(text, 'model.ts', undefined, { cache: null })));
  return cached;
}

describe('per-model cache', () => {
  it('reuses the models that did not change and matches a fresh analysis', () => {
    const cache = new ModelCache();
    const first = assertSameAsScratch(TEXT, cache);
    assert.equal(first.models.length, 3);
    assert.ok(first.findings.length > 0, 'the sick models have findings');
    assert.equal(cache.misses, 3);

    // A one-character edit inside the second model: the third moves by one character.
    const edited = TEXT.replace('second() {', 'second()  {');
    const second = assertSameAsScratch(edited, cache);
    assert.equal(cache.hits, 2, 'first and third from the cache');
    assert.equal(cache.misses, 4, 'second analysed again');
    assert.ok(second.findings.some((finding) => finding.span.start > edited.indexOf('third')), 'findings of the moved model are present');
  });

  it('moves cached offsets when text is inserted above every model', () => {
    const cache = new ModelCache();
    assertSameAsScratch(TEXT, cache);
    assertSameAsScratch(TEXT.replace('const HIDDEN', '// a comment\nconst HIDDEN'), cache);
    assert.equal(cache.hits, 3);
  });

  it('does not reuse a model whose values come from a constant that changed outside it', () => {
    const cache = new ModelCache();
    assertSameAsScratch(TEXT, cache);
    const result = assertSameAsScratch(TEXT.replace('HIDDEN = 64', 'HIDDEN = 2048'), cache);
    assert.equal(cache.hits, 0);
    assert.equal(result.models[0].model.layers[0].units, 2048);
  });

  it('does not reuse fixes that read text outside the model: a clipping helper defined since', () => {
    // The learning rate written in the model: a fix of a constant elsewhere would not be cached at all.
    const forecaster = readFileSync(path.join(__dirname, '../../../examples/sick/sequence-forecaster.ts'), 'utf8').replace('adam(learningRate)', 'adam(0.5)');
    const cache = new ModelCache();
    const before = assertSameAsScratch(forecaster, cache);
    const addsHelper = (result: AnalysisResult) =>
      result.findings.some((finding) => finding.fixes.some((fix) => fix.edits.some((edit) => edit.newText.includes('function withGradientClipping'))));
    assert.ok(addsHelper(before), 'the clipping fix first adds the helper');
    assert.equal(cache.size, 1, 'the outcome is cached');
    const helper = '\nexport function withGradientClipping(optimizer: tf.Optimizer, clipNorm: number): tf.Optimizer {\n  return optimizer;\n}\n';
    const after = assertSameAsScratch(forecaster + helper, cache);
    assert.ok(!addsHelper(after), 'once the file defines the helper, the fix does not add a second one');
  });

  it('does not reuse fixes that read text outside the model: the quote style of a page without imports', () => {
    // A script-tag page has no tfjs import to take the quote from: inserted strings use the file's first quote.
    const page = [
      "const CLASSES = ['a', 'b', 'c'];",
      'function build() {',
      '  const model = tf.sequential();',
      "  model.add(tf.layers.dense({ inputShape: [8], units: 16, activation: 'relu' }));",
      '  model.add(tf.layers.dense({ units: CLASSES.length }));',
      "  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });",
      '  return model;',
      '}',
      '',
    ].join('\n');
    const inserted = (result: AnalysisResult) => result.findings.flatMap((finding) => finding.fixes.flatMap((fix) => fix.edits.map((edit) => edit.newText)));
    const cache = new ModelCache();
    const analyzePage = (text: string) => {
      const cached = analyze(text, 'page.js', undefined, { cache });
      assert.deepEqual(comparable(cached), comparable(analyze(text, 'page.js', undefined, { cache: null })));
      return cached;
    };
    assert.ok(inserted(analyzePage(page)).some((text) => text.includes("'softmax'")));
    const doubleQuoted = analyzePage(`// "Gestures" page\n${page}`);
    assert.ok(inserted(doubleQuoted).some((text) => text.includes('"softmax"')), 'the fix follows the first quote now in the file');
  });

  it('keys on the settings too', () => {
    const cache = new ModelCache();
    assert.ok(analyze(TEXT, 'model.ts', undefined, { cache }).findings.length > 0);
    const allOff = Object.fromEntries(RULE_IDS.map((rule) => [rule, 'off'])) as Settings['severity'];
    const silenced = analyze(TEXT, 'model.ts', { ...DEFAULT_SETTINGS, severity: allOff }, { cache });
    assert.equal(silenced.findings.length, 0);
    assert.equal(cache.hits, 0);
  });

  it('stays within its capacity', () => {
    const cache = new ModelCache(4);
    for (let depth = 0; depth < 12; depth++) analyze(HEADER + sigmoidModel('m', depth), 'model.ts', undefined, { cache });
    assert.equal(cache.size, 4);
  });

  it('stays within its character budget when models are huge', () => {
    const cache = new ModelCache(512, 60_000);
    for (let depth = 0; depth < 12; depth++) {
      const padded = sigmoidModel('m', depth).replace('{ units: 1 }', `{ units: 1, name: '${'x'.repeat(20_000)}' }`);
      analyze(HEADER + padded, 'model.ts', undefined, { cache });
    }
    assert.ok(cache.size >= 1 && cache.size <= 2, `${cache.size} entries of over 20,000 characters each`);
  });
});
