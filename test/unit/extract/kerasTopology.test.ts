/**
 * `tf.models.modelFromJSON` with a Keras-style topology written in the code: extracted as tfjs
 * builds it, checked against real tfjs building the same topology, before and after the
 * preferred fixes.
 */
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { analyze } from '../../../server/src/engine/analyze';
import { extractFile } from '../../../server/src/engine/extract';
import { applyEdits, fixAllEdits } from '../../../server/src/engine/fixes';

/** Eight sigmoid layers in Keras's own JSON (snake_case keys, an InputLayer, a VarianceScaling dict). */
const TOPOLOGY = `{
  class_name: 'Sequential',
  config: {
    name: 'tower',
    layers: [
      { class_name: 'InputLayer', config: { batch_input_shape: [null, 32], name: 'features' } },
      ...Array.from({ length: 8 }, (_, i) => ({
        class_name: 'Dense',
        config: { name: \`hidden_\${i}\`, units: 64, activation: 'sigmoid', kernel_initializer: { class_name: 'VarianceScaling', config: { scale: 1, mode: 'fan_avg', distribution: 'uniform' } } },
      })),
      { class_name: 'Dense', config: { name: 'out', units: 3, activation: 'softmax' } },
    ],
  },
}`;

const program = (topology: string) => `import * as tf from '@tensorflow/tfjs';
const TOPOLOGY = ${topology};
export async function train(xs, ys) {
  const model = await tf.models.modelFromJSON(TOPOLOGY);
  model.compile({ optimizer: tf.train.sgd(0.01), loss: 'categoricalCrossentropy' });
  await model.fit(xs, ys, { epochs: 5 });
}
`;

/** The topology literal of a program, as the object it evaluates to (the test's own code, not a workspace's). */
function topologyOf(text: string): object {
  const literal = text.slice(text.indexOf('const TOPOLOGY = ') + 'const TOPOLOGY = '.length, text.indexOf(';\nexport async'));
  return new Function(`return (${literal});`)() as object;
}

describe('extraction of tf.models.modelFromJSON with a Keras topology', function () {
  this.timeout(20000);
  before(() => tf.setBackend('cpu'));

  it('reads the layers as tfjs builds them: keys and strings from snake_case, the InputLayer shape on the first layer', async () => {
    const [model] = extractFile(program(TOPOLOGY), 'tower.ts').models;
    const built = await tf.models.modelFromJSON(topologyOf(program(TOPOLOGY)) as never);
    assert.deepEqual(
      model.layers.map((layer) => [layer.kind, layer.units, layer.activation]),
      built.layers.filter((layer) => layer.getClassName() === 'Dense').map((layer) => ['dense', (layer.getConfig() as { units: number }).units, (layer.getConfig() as { activation: string }).activation]),
    );
    assert.deepEqual(model.inputShape, [32]);
    assert.deepEqual(model.layers[0].kernelInitializer && { name: model.layers[0].kernelInitializer.name, mode: model.layers[0].kernelInitializer.args.mode }, { name: 'varianceScaling', mode: 'fanAvg' });
  });

  it("the sigmoid tower's vanishing gradient is reported; the preferred fix gives a topology real tfjs builds, with no warning left", async () => {
    const text = program(TOPOLOGY);
    const findings = analyze(text, 'tower.ts', undefined, { cache: null }).findings;
    assert.ok(findings.some((finding) => finding.rule === 'vanishing-gradient' && finding.severity === 'warning'));
    const fixed = applyEdits(text, fixAllEdits(text, findings));
    assert.deepEqual(analyze(fixed, 'tower.ts', undefined, { cache: null }).findings.filter((finding) => finding.severity === 'warning').map((finding) => finding.rule), []);
    const rebuilt = await tf.models.modelFromJSON(topologyOf(fixed) as never);
    assert.equal(rebuilt.layers[0].getClassName(), 'InputLayer');
    // tfjs serializes heUniform as the variance scaling it is.
    const config = rebuilt.layers[1].getConfig() as { activation: string; kernelInitializer: { config: object } };
    assert.deepEqual([config.activation, config.kernelInitializer.config], ['relu', { scale: 2, mode: 'fanIn', distribution: 'uniform', seed: null }]);
  });

  it("a class name that is no tfjs layer, even one every object inherits ('constructor'), is an opaque layer named as written", () => {
    const topology = TOPOLOGY.replace("{ class_name: 'Dense', config: { name: 'out'", "{ class_name: 'constructor', config: { name: 'out'");
    const layers = extractFile(program(topology), 'tower.ts').models[0].layers;
    assert.deepEqual([layers[layers.length - 1].kind, layers[layers.length - 1].factory], ['opaque', 'constructor']);
  });

  it('a topology with trained weights, a functional topology and an unknown one build no model', () => {
    const withWeights = `{ modelTopology: ${TOPOLOGY}, weightsManifest: [] }`;
    const functional = TOPOLOGY.replace("class_name: 'Sequential'", "class_name: 'Model'");
    for (const topology of [withWeights, functional, 'JSON.parse(await readFile(path))']) {
      assert.deepEqual(extractFile(program(topology), 'tower.ts').models, [], topology);
    }
  });
});
