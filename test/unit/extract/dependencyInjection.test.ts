/** Constructor injection: a decorated service nothing constructs gets instances of the classes its constructor's parameters name. */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';

const config = `class TrainingConfig {
  readonly units = 32;
  readonly learningRate = 0.05;
}
`;

/** The rate and first units of the model the service builds, with `service` the class declaration. */
function trained(service: string, prelude = config) {
  const text = `import * as tf from '@tensorflow/tfjs';\n${prelude}${service}`;
  const model = extractFile(text, 'service.ts').models[0];
  return { units: model?.layers[0]?.units, rate: model?.training?.optimizer?.learningRate };
}

const serviceOf = (decorator: string, parameter: string, read = 'this.config') => `${decorator}
export class TrainerService {
  constructor(${parameter}) {}
  build() {
    const model = tf.sequential();
    model.add(tf.layers.dense({ inputShape: [8], units: ${read}.units, activation: 'relu' }));
    model.compile({ optimizer: tf.train.adam(${read}.learningRate), loss: 'meanSquaredError' });
    return model;
  }
}
`;

describe('extraction of constructor injection (NestJS, Angular, tsyringe)', () => {
  it('a decorated class gets an instance of the class a constructor parameter is typed as', () => {
    assert.deepEqual(trained(serviceOf('@Injectable()', 'private readonly config: TrainingConfig')), { units: 32, rate: 0.05 });
    assert.deepEqual(trained(serviceOf("@Component({ selector: 'app-trainer' })", '@Optional() public config: TrainingConfig')), { units: 32, rate: 0.05 });
  });

  it("a dependency's own dependencies are injected too", () => {
    const prelude = `${config}@Injectable()\nclass Settings {\n  constructor(readonly training: TrainingConfig) {}\n}\n`;
    assert.deepEqual(trained(serviceOf('@Injectable()', 'private readonly settings: Settings', 'this.settings.training'), prelude), { units: 32, rate: 0.05 });
  });

  it('nothing is injected without a decorator, through a token, for a class registered as a provider, or for an abstract class', () => {
    const unknown = { units: undefined, rate: undefined };
    assert.deepEqual(trained(serviceOf('', 'private readonly config: TrainingConfig')), unknown);
    assert.deepEqual(trained(serviceOf('@Injectable()', "@Inject('TRAINING') private readonly config: TrainingConfig")), unknown);
    const provided = `${serviceOf('@Injectable()', 'private readonly config: TrainingConfig')}\n@Module({ providers: [TrainerService, { provide: TrainingConfig, useValue: { units: 8, learningRate: 1e-3 } }] })\nexport class AppModule {}\n`;
    assert.deepEqual(trained(provided), unknown);
    assert.deepEqual(trained(serviceOf('@Injectable()', 'private readonly config: TrainingConfig'), config.replace('class', 'abstract class')), unknown);
  });
});
