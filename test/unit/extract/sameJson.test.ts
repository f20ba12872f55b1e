/**
 * sameJson groups variants as their JSON text did: it must agree with comparing
 * JSON.stringify of both sides, on the corner cases of JSON and on real model IR.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractFile } from '../../../server/src/engine/extract';
import { sameJson } from '../../../server/src/engine/extract/sameJson';
import { extractFixture, fixtureNames } from './fixtureFiles';

function agreesWithStringify(a: unknown, b: unknown): void {
  const expected = JSON.stringify(a) === JSON.stringify(b);
  assert.equal(sameJson(a, b), expected, `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  assert.equal(sameJson(b, a), expected, `${JSON.stringify(b)} vs ${JSON.stringify(a)} (swapped)`);
}

describe('sameJson', () => {
  const cases: [string, unknown, unknown][] = [
    ['equal primitives', 1, 1],
    ['different numbers', 1, 2],
    ['0 and -0 are both written 0', 0, -0],
    ['NaN, Infinity and null are all written null', { a: NaN }, { a: null }],
    ['Infinity and -Infinity in arrays', [Infinity], [-Infinity]],
    ['a number and its string', { a: 1 }, { a: '1' }],
    ['true and 1', [true], [1]],
    ['an undefined property is left out', { a: 1, b: undefined }, { a: 1 }],
    ['an undefined property first', { b: undefined, a: 1 }, { a: 1 }],
    ['a function property is left out', { a: 1, f: () => 1 }, { a: 1 }],
    ['undefined in an array is null', [undefined], [null]],
    ['a function in an array is null', [() => 1], [null]],
    ['undefined and a missing element differ in length', [undefined], []],
    ['the same keys in another order', { a: 1, b: 2 }, { b: 2, a: 1 }],
    ['integer keys come first either way', { b: 1, 1: 2 }, { 1: 2, b: 1 }],
    ['an extra property', { a: 1 }, { a: 1, b: 2 }],
    ['an extra property that is null', { a: 1 }, { a: 1, b: null }],
    ['an empty array and an empty object', [], {}],
    ['nested difference', { a: { b: [1, { c: 'x' }] } }, { a: { b: [1, { c: 'y' }] } }],
    ['nested equal', { a: { b: [1, { c: 'x', d: undefined }] } }, { a: { b: [1, { c: 'x' }] } }],
    ['null and an object', { a: null }, { a: {} }],
    ['null and undefined as properties', { a: null }, { a: undefined }],
  ];
  for (const [name, a, b] of cases) it(name, () => agreesWithStringify(a, b));

  it('agrees with JSON.stringify on every pair of models of the fixtures and the real-world corpus', function () {
    // Extracts every program of the corpus (thousands): on a loaded machine, past the default 30 s.
    this.timeout(180_000);
    const corpus = path.resolve(__dirname, '../../fixtures/real-world');
    const models = [
      ...fixtureNames().flatMap((name) => extractFixture(name).file.models),
      ...fs
        .readdirSync(corpus)
        .filter((name) => /\.(ts|js)$/.test(name))
        .flatMap((name) => extractFile(fs.readFileSync(path.join(corpus, name), 'utf8'), path.join(corpus, name)).models),
    ];
    assert.ok(models.length > 100, `only ${models.length} models`);
    // Each model against its neighbours and against a copy of itself with one field changed.
    let equalPairs = 0;
    for (let i = 0; i < models.length; i++) {
      const model = models[i];
      agreesWithStringify(model, models[(i + 1) % models.length]);
      agreesWithStringify(model, structuredClone(model));
      agreesWithStringify(model, { ...model, layers: model.layers.map((layer, k) => (k === 0 ? { ...layer, units: (layer.units ?? 0) + 1 } : layer)) });
      if (sameJson(model, structuredClone(model))) equalPairs++;
    }
    assert.equal(equalPairs, models.length);
  });
});
