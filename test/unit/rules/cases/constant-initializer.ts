/** constant-initializer: valid and invalid programs (DESIGN section 6), run by rules.test.ts. */
import type { RuleCases } from '../ruleTester';

/** A residual adapter, a custom layer whose down projection is the weight `down` its build() adds with `initializer`. */
const adapterProgram = (initializer: string) => `import * as tf from '@tensorflow/tfjs';

class Adapter extends tf.layers.Layer {
  private down!: tf.LayerVariable;
  private up!: tf.LayerVariable;
  build(): void {
    this.down = this.addWeight('down', [32, 8], 'float32', ${initializer});
    this.up = this.addWeight('up', [8, 32], 'float32', tf.initializers.glorotUniform({}));
  }
  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return x.add(tf.matMul(tf.relu(tf.matMul(x, this.down.read())), this.up.read()));
  }
}
const input = tf.input({ shape: [32] });
const adapted = new Adapter({}).apply(input) as tf.SymbolicTensor;
export const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 2 }).apply(adapted) as tf.SymbolicTensor });
`;

export const constantInitializerCases: RuleCases = {
  rule: 'constant-initializer',
  valid: [
  {
    name: "random initializers and a zero output layer",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [16], units: 32, activation: 'relu', kernelInitializer: 'heUniform' }),
    tf.layers.dense({ units: 1, kernelInitializer: 'zeros' }),
  ],
});
`,
  },
  {
    name: "constant kernel followed by a random layer (units separate)",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [16], units: 32, activation: 'tanh', kernelInitializer: 'zeros' }),
    tf.layers.dense({ units: 4 }),
  ],
});
`,
  },
  {
    name: "zero relu kernel with a positive bias",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [16], units: 32, activation: 'relu', kernelInitializer: 'zeros', biasInitializer: 'ones' }),
    tf.layers.dense({ units: 4 }),
  ],
});
`,
  },
  {
    name: "frozen layer",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [16], units: 32, activation: 'relu', kernelInitializer: 'zeros', trainable: false }),
    tf.layers.dense({ units: 4 }),
  ],
});
`,
  },
  ],
  invalid: [
  {
    name: "a custom layer's own zero kernel under relu (this.addWeight with tf.initializers.zeros()): the fix keeps an Initializer object",
    code: adapterProgram('tf.initializers.zeros()'),
    errors: [
      {
        message: "matMul_1 starts with a tf.initializers.zeros() kernel and zero bias under relu: every pre-activation is 0, where relu's gradient is 0, so matMul_1 never receives a gradient (the layers before it get theirs only through their other paths).",
        line: 7, column: 60, endLine: 7, endColumn: 83,
        text: 'tf.initializers.zeros()',
      },
    ],
    output: adapterProgram('tf.initializers.heUniform({})'),
  },
  {
    name: "a zero kernel passed by a parameter's name (kernelInitializer: init): the message names what the name holds",
    code: `import * as tf from '@tensorflow/tfjs';

const block = (units: number, init: string) => tf.layers.dense({ units, activation: 'relu', kernelInitializer: init });
export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [16], units: 32, activation: 'relu' }), block(32, 'zeros'), tf.layers.dense({ units: 1 })] });
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
`,
    errors: [
      {
        message: "dense_2 starts with a 'zeros' kernel and zero bias under relu: every pre-activation is 0, where relu's gradient is 0, so dense_2 and every layer before it never receive a gradient.",
        line: 3, column: 112, endLine: 3, endColumn: 116,
        text: 'init',
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

const block = (units: number, init: string) => tf.layers.dense({ units, activation: 'relu', kernelInitializer: 'heUniform' });
export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [16], units: 32, activation: 'relu' }), block(32, 'zeros'), tf.layers.dense({ units: 1 })] });
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
`,
  },
  {
    name: "zero kernel under relu in a residual adapter: the layers before it still get a gradient through the add",
    code: `import * as tf from '@tensorflow/tfjs';

const input = tf.input({ shape: [32] });
const trunk = tf.layers.dense({ units: 64, activation: 'relu' }).apply(input) as tf.SymbolicTensor;
const down = tf.layers.dense({ units: 8, activation: 'relu', kernelInitializer: 'zeros' }).apply(trunk) as tf.SymbolicTensor;
const up = tf.layers.dense({ units: 64 }).apply(down) as tf.SymbolicTensor;
const out = tf.layers.dense({ units: 1 }).apply(tf.layers.add().apply([trunk, up]) as tf.SymbolicTensor) as tf.SymbolicTensor;
export const model = tf.model({ inputs: input, outputs: out });
`,
    errors: [
      {
        message: "dense_2 starts with a 'zeros' kernel and zero bias under relu: every pre-activation is 0, where relu's gradient is 0, so dense_2 never receives a gradient (the layers before it get theirs only through their other paths).",
        line: 5, column: 81, endLine: 5, endColumn: 88,
        text: "'zeros'",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

const input = tf.input({ shape: [32] });
const trunk = tf.layers.dense({ units: 64, activation: 'relu' }).apply(input) as tf.SymbolicTensor;
const down = tf.layers.dense({ units: 8, activation: 'relu', kernelInitializer: 'heUniform' }).apply(trunk) as tf.SymbolicTensor;
const up = tf.layers.dense({ units: 64 }).apply(down) as tf.SymbolicTensor;
const out = tf.layers.dense({ units: 1 }).apply(tf.layers.add().apply([trunk, up]) as tf.SymbolicTensor) as tf.SymbolicTensor;
export const model = tf.model({ inputs: input, outputs: out });
`,
  },
  {
    name: "zero last kernel of a residual branch, chosen by a block option: the branch's first layer is cut off too; the fix edits the branch taken",
    code: `import * as tf from '@tensorflow/tfjs';

function block(x: tf.SymbolicTensor, zeroLast = true): tf.SymbolicTensor {
  let h = tf.layers.dense({ units: 32, activation: 'relu', kernelInitializer: 'heNormal' }).apply(x) as tf.SymbolicTensor;
  h = tf.layers.dense({ units: 32, activation: 'relu', kernelInitializer: zeroLast ? 'zeros' : 'heNormal' }).apply(h) as tf.SymbolicTensor;
  return tf.layers.add().apply([x, h]) as tf.SymbolicTensor;
}
const input = tf.input({ shape: [32] });
export const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 1 }).apply(block(input)) as tf.SymbolicTensor });
`,
    errors: [
      {
        message: "dense_2 starts with a 'zeros' kernel and zero bias under relu: every pre-activation is 0, where relu's gradient is 0, so dense_2 and the layers that feed only it never receive a gradient (the layers before those get theirs only through their other paths, such as a residual add).",
        line: 5, column: 86, endLine: 5, endColumn: 93,
        text: "'zeros'",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

function block(x: tf.SymbolicTensor, zeroLast = true): tf.SymbolicTensor {
  let h = tf.layers.dense({ units: 32, activation: 'relu', kernelInitializer: 'heNormal' }).apply(x) as tf.SymbolicTensor;
  h = tf.layers.dense({ units: 32, activation: 'relu', kernelInitializer: zeroLast ? 'heUniform' : 'heNormal' }).apply(h) as tf.SymbolicTensor;
  return tf.layers.add().apply([x, h]) as tf.SymbolicTensor;
}
const input = tf.input({ shape: [32] });
export const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 1 }).apply(block(input)) as tf.SymbolicTensor });
`,
  },
  {
    name: "zero kernel under relu",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [16], units: 32, activation: 'relu', kernelInitializer: 'zeros' }),
    tf.layers.dense({ units: 4 }),
  ],
});
`,
    errors: [
      {
        message: "dense_1 starts with a 'zeros' kernel and zero bias under relu: every pre-activation is 0, where relu's gradient is 0, so dense_1 and every layer before it never receive a gradient.",
        line: 5, column: 91, endLine: 5, endColumn: 98,
        text: "'zeros'",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [16], units: 32, activation: 'relu', kernelInitializer: 'heUniform' }),
    tf.layers.dense({ units: 4 }),
  ],
});
`,
  },
  {
    name: "zero initializer call under relu, model.add, double quotes",
    fileName: "model.js",
    code: `const tf = require("@tensorflow/tfjs");

const model = tf.sequential();
model.add(tf.layers.dense({
  inputShape: [8],
  units: 16,
  activation: "relu",
  kernelInitializer: tf.initializers.zeros(),
}));
model.add(tf.layers.dense({ units: 1 }));
module.exports = { model };
`,
    errors: [
      {
        message: "dense_1 starts with a tf.initializers.zeros() kernel and zero bias under relu: every pre-activation is 0, where relu's gradient is 0, so dense_1 and every layer before it never receive a gradient.",
        line: 8, column: 22, endLine: 8, endColumn: 45,
        text: "tf.initializers.zeros()",
      },
    ],
    output: `const tf = require("@tensorflow/tfjs");

const model = tf.sequential();
model.add(tf.layers.dense({
  inputShape: [8],
  units: 16,
  activation: "relu",
  kernelInitializer: "heUniform",
}));
model.add(tf.layers.dense({ units: 1 }));
module.exports = { model };
`,
  },
  {
    name: "ones kernel feeding a constant kernel",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [4], units: 6, activation: 'tanh', kernelInitializer: 'ones' }),
    tf.layers.dropout({ rate: 0.1 }),
    tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.constant({ value: 0.5 }) }),
  ],
});
`,
    errors: [
      {
        message: "dense_1 ('ones' kernel) feeds dense_2 (tf.initializers.constant({ value: 0.5 }) kernel): the 6 units of dense_1 get identical gradients and stay identical for the whole training (one unit's worth of capacity).",
        line: 5, column: 89, endLine: 5, endColumn: 95,
        text: "'ones'",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [4], units: 6, activation: 'tanh', kernelInitializer: 'glorotUniform' }),
    tf.layers.dropout({ rate: 0.1 }),
    tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.constant({ value: 0.5 }) }),
  ],
});
`,
  },
  ],
};
