/** Observable notebooks exported as modules: cells run with the values of the cells they name, in the order they are defined. */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';

const notebook = (cells: string) => `function _tf(require){return(
require("@tensorflow/tfjs@4")
)}

function _rate(Inputs){return(
Inputs.range([0.0001, 0.1], { value: 0.01, label: "learning rate" })
)}

function _model(tf, units)
{
  const m = tf.sequential();
  m.add(tf.layers.dense({ inputShape: [4], units, activation: "relu" }));
  m.add(tf.layers.dense({ units: 3, activation: "softmax" }));
  m.compile({ optimizer: tf.train.adam(0.005), loss: "categoricalCrossentropy" });
  return m;
}

export default function define(runtime, observer) {
  const main = runtime.module();
${cells}
  return main;
}
`;

describe('extraction of Observable notebooks', () => {
  it("a cell gets the values of the cells it names: tf from Observable's require, a number cell, and the model built with them", () => {
    const { models } = extractFile(notebook(`  main.variable(observer("tf")).define("tf", ["require"], _tf);
  main.variable(observer("units")).define("units", () => 24);
  main.variable(observer("model")).define("model", ["tf", "units"], _model);`), 'notebook.js');
    assert.equal(models.length, 1);
    assert.deepEqual(models[0].layers.map((layer) => [layer.kind, layer.units]), [['dense', 24], ['dense', 3]]);
    assert.equal(models[0].training?.optimizer?.learningRate, 0.005);
  });

  it('a cell defined after the cell that names it, and an input the runtime provides (Inputs), are unknown', () => {
    const { models } = extractFile(notebook(`  main.variable(observer("tf")).define("tf", ["require"], _tf);
  main.variable(observer("model")).define("model", ["tf", "units"], _model);
  main.define("units", ["Inputs"], (Inputs) => Inputs.range([8, 64]));`), 'notebook.js');
    assert.equal(models.length, 1);
    assert.deepEqual(models[0].layers.map((layer) => layer.units), [undefined, 3]);
  });
});
