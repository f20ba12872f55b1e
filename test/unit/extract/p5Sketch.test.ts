/** p5.js sketches: a slider reads as its starting value; an instance-mode sketch runs its setup(); input handlers run first. */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';

/** The rate of the model `setup()` builds, with `slider` the expression that makes the slider. */
function rateOf(text: string): unknown {
  return extractFile(text, 'sketch.js').models[0]?.training?.optimizer?.learningRate;
}

const globalMode = (slider: string, prelude = '') => `/* global tf, createCanvas, createSlider */
${prelude}let lrSlider;
let model;
function setup() {
  createCanvas(280, 280);
  lrSlider = ${slider};
  model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [16], units: 4, activation: 'softmax' })] });
  model.compile({ optimizer: tf.train.adam(lrSlider.value()), loss: 'categoricalCrossentropy' });
}
`;

describe('extraction of p5.js sketches', () => {
  const cases: [string, string, unknown][] = [
    ['a global-mode slider starts at its value', globalMode('createSlider(0.001, 0.2, 0.1, 0.001)'), 0.1],
    ['a slider made without a value is unknown', globalMode('createSlider(0.001, 0.2)'), undefined],
    ['a createSlider the file defines is its own', globalMode('createSlider(0.001, 0.2, 0.1)', 'function createSlider(min, max) { return { value: () => min }; }\n'), 0.001],
    ['instance mode: new p5(sketch) runs setup with the instance\'s slider', `/* global tf, p5 */
new p5((p) => {
  let rate;
  p.setup = () => {
    rate = p.createSlider(0.0001, 0.5, 0.3);
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [16], units: 1 })] });
    model.compile({ optimizer: tf.train.sgd(rate.value()), loss: 'meanSquaredError' });
  };
});
`, 0.3],
  ];
  for (const [title, text, expected] of cases) it(title, () => assert.equal(rateOf(text), expected));

  describe("a global-mode sketch's input handlers run before draw(), for their many runs", () => {
    const sketch = (handler: string) => `/* global tf, mouseX */
let xs = [];
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [1], units: 1 })] });
model.compile({ optimizer: tf.train.adam(0.005), loss: 'meanSquaredError' });
${handler}
function draw() {
  if (xs.length > 1) model.fit(tf.tensor2d(xs, [xs.length, 1]), tf.tensor2d(xs, [xs.length, 1]));
}
`;
    const trained = (text: string) => extractFile(text, 'sketch.js').models.some((model) => model.training?.calls.some((call) => call.kind === 'fit'));
    it('clicks pushed by mousePressed have no known count, so the guard on them may pass', () => assert.equal(trained(sketch('function mousePressed() {\n  xs.push(mouseX);\n}')), true));
    it('a function of another name is no handler: run once as code nobody calls, it pushes one point', () => assert.equal(trained(sketch('function addPoint() {\n  xs.push(mouseX);\n}')), false));
  });
});
