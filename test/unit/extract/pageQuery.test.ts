/** Settings from the page's address and storage: a plain page load takes the defaults written (extract/pageQuery.ts). */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';

/** The learning rate of a model compiled with `rate`, after `setup`. */
function rateAfter(setup: string, rate: string): unknown {
  const text = `import * as tf from '@tensorflow/tfjs';
${setup}
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
model.compile({ optimizer: tf.train.adam(${rate}), loss: 'meanSquaredError' });
`;
  return extractFile(text, 'page.ts').models[0]?.training?.optimizer?.learningRate;
}

describe("extraction of settings from the page's address and storage", () => {
  it("the page's query has no parameters on a plain load: get(...) ?? default takes the default", () => {
    assert.equal(rateAfter("const params = new URLSearchParams(window.location.search);", "parseFloat(params.get('lr') ?? '0.05')"), 0.05);
  });

  it('storage is empty on a first load: getItem(...) || default takes the default', () => {
    assert.equal(rateAfter('', "Number(localStorage.getItem('lr') || 0.02)"), 0.02);
    assert.equal(rateAfter('', "Number(window.sessionStorage.getItem('lr') ?? 0.03)"), 0.03);
  });

  it('a query of another string, or a local named like the storage, is not the page', () => {
    assert.equal(rateAfter("declare const body: string;\nconst params = new URLSearchParams(body);", "parseFloat(params.get('lr') ?? '0.05')"), undefined);
    assert.equal(rateAfter("const localStorage = { getItem: (key: string) => '0.3' };", "Number(localStorage.getItem('lr') ?? 0.05)"), 0.3);
  });
});
