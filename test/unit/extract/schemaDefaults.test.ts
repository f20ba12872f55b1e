/** Schema libraries that fill in defaults: the input's keys win, the schema's defaults fill the rest. */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';

/** The rate and units of the model built from `CFG`, after `code` defines CFG. */
function built(code: string) {
  const text = `${code}
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: CFG.units, activation: 'relu' }), tf.layers.dense({ units: 1 })] });
model.compile({ optimizer: tf.train.adam(CFG.lr), loss: 'meanSquaredError' });
`;
  const model = extractFile(`import * as tf from '@tensorflow/tfjs';\n${text}`, 'train.ts').models[0];
  return { lr: model?.training?.optimizer?.learningRate, units: model?.layers[0]?.units };
}

describe('extraction of schema libraries with defaults', () => {
  const cases: [string, string, { lr: unknown; units: unknown }][] = [
    ['zod: a key the input lacks takes the default', "import { z } from 'zod';\nconst Schema = z.object({ lr: z.number().positive().default(0.05), units: z.number().int().default(16) });\nconst CFG = Schema.parse({ units: 32 });", { lr: 0.05, units: 32 }],
    ['zod: safeParse gives { success, data }', "import { z } from 'zod';\nconst parsed = z.object({ lr: z.number().default(0.002), units: z.number().default(8) }).safeParse({});\nconst CFG = parsed.data;", { lr: 0.002, units: 8 }],
    ['zod: a function default is called', "import { z } from 'zod';\nconst CFG = z.object({ lr: z.number().default(() => 0.003), units: z.number().default(4) }).parse({});", { lr: 0.003, units: 4 }],
    ['joi: validate gives { value }', "const Joi = require('joi');\nconst schema = Joi.object({ lr: Joi.number().min(0).default(0.004), units: Joi.number().integer().default(12) });\nconst { value: CFG } = schema.validate({ lr: 0.0005 });", { lr: 0.0005, units: 12 }],
    ['joi: keys() adds to the shape, attempt gives the value', "import Joi from 'joi';\nconst schema = Joi.object().keys({ lr: Joi.number().default(0.006), units: Joi.number().default(24) });\nconst CFG = Joi.attempt({}, schema);", { lr: 0.006, units: 24 }],
    ['yup: validateSync and shape()', "import * as yup from 'yup';\nconst schema = yup.object().shape({ lr: yup.number().default(0.007), units: yup.number().default(6) });\nconst CFG = schema.validateSync({ units: 64 });", { lr: 0.007, units: 64 }],
    ['an input not known leaves the keys unknown', "import { z } from 'zod';\nconst CFG = z.object({ lr: z.number().default(0.05), units: z.number().default(16) }).parse(JSON.parse(process.argv[2]));", { lr: undefined, units: undefined }],
    ['class-transformer: the plain object over the Dto, nested objects merged', "import { plainToInstance } from 'class-transformer';\nclass Optim { lr = 0.001; decay = 0.9; }\nclass Dto { units = 16; optim = new Optim(); }\nconst dto = plainToInstance(Dto, { units: 48, optim: { lr: 0.2 } });\nconst CFG = { units: dto.units, lr: dto.optim.lr, decay: dto.optim.decay };", { lr: 0.2, units: 48 }],
  ];
  for (const [title, code, expected] of cases) it(title, () => assert.deepEqual(built(code), expected));
});
