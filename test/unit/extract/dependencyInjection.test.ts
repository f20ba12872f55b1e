/** Constructor injection: a decorated service nothing constructs gets what the file provides for its constructor's parameters. */
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

  it('nothing is injected without a decorator, through a token nothing provides, or for an abstract class', () => {
    const unknown = { units: undefined, rate: undefined };
    assert.deepEqual(trained(serviceOf('', 'private readonly config: TrainingConfig')), unknown);
    assert.deepEqual(trained(serviceOf('@Injectable()', "@Inject('TRAINING') private readonly config: TrainingConfig")), unknown);
    assert.deepEqual(trained(serviceOf('@Injectable()', 'private readonly config: TrainingConfig'), config.replace('class', 'abstract class')), unknown);
  });

  const moduleWith = (parameter: string, providers: string, prelude = '') =>
    `${prelude}${serviceOf('@Injectable()', parameter)}\n@Module({ providers: [TrainerService, ${providers}] })\nexport class AppModule {}\n`;
  const cases: [string, string, string, string, { units: unknown; rate: unknown }][] = [
    ['a class registered as a provider is what its provider makes', 'private readonly config: TrainingConfig', '{ provide: TrainingConfig, useValue: { units: 8, learningRate: 1e-3 } }', config, { units: 8, rate: 1e-3 }],
    ['a symbol token with useValue', '@Inject(OPTIONS) private readonly config: Options', '{ provide: OPTIONS, useValue: { units: 16, learningRate: 0.2 } }', "const OPTIONS = Symbol('OPTIONS');\n", { units: 16, rate: 0.2 }],
    ['a string token, written once as a constant and once as its value', "@Inject(OPTIONS) private readonly config: Options", "{ provide: 'training-options', useValue: { units: 4, learningRate: 0.3 } }", "const OPTIONS = 'training-options';\n", { units: 4, rate: 0.3 }],
    ['useFactory, called with the values of its inject tokens', "@Inject('CFG') private readonly config: Options", "{ provide: 'RATE', useValue: 0.07 }, { provide: 'CFG', useFactory: (rate) => ({ units: 12, learningRate: rate }), inject: ['RATE'] }", '', { units: 12, rate: 0.07 }],
    ['useClass constructs the class, and useExisting reads another token', "@Inject('ALIAS') private readonly config: Options", "{ provide: 'REAL', useClass: TrainingConfig }, { provide: 'ALIAS', useExisting: 'REAL' }", config, { units: 32, rate: 0.05 }],
    ['two different providers of one token (a test module overrides it): unknown', "@Inject('CFG') private readonly config: Options", "{ provide: 'CFG', useValue: { units: 8, learningRate: 0.5 } }, { provide: 'CFG', useValue: { units: 8, learningRate: 0.001 } }", '', { units: undefined, rate: undefined }],
  ];
  for (const [title, parameter, providers, prelude, expected] of cases) it(`NestJS providers: ${title}`, () => assert.deepEqual(trained(moduleWith(parameter, providers), prelude), expected));

  it("NestJS's ConfigService, injected by its type or into a factory, reads the default get() is given; a key without one is unknown", () => {
    const prelude = "import { ConfigService } from '@nestjs/config';\n";
    const injected = serviceOf('@Injectable()', 'private readonly config: ConfigService', 'this.config')
      .replace('this.config.units', "this.config.get('UNITS', 24)")
      .replace('this.config.learningRate', "this.config.get<number>('LR')");
    assert.deepEqual(trained(injected, prelude), { units: 24, rate: undefined });
    const factory = "{ provide: 'CFG', inject: [ConfigService], useFactory: (config: ConfigService) => ({ units: 10, learningRate: config.get('LR', 0.02) }) }";
    assert.deepEqual(trained(moduleWith("@Inject('CFG') private readonly config: Options", factory), prelude), { units: 10, rate: 0.02 });
  });

  it("a config namespace (registerAs('training', factory)) injected by its KEY is what its factory returns", () => {
    const prelude = "import { registerAs } from '@nestjs/config';\nconst trainingConfig = registerAs('training', () => ({ units: 12, learningRate: 0.03 }));\n";
    assert.deepEqual(trained(serviceOf('@Injectable()', '@Inject(trainingConfig.KEY) private readonly config: Options'), prelude), { units: 12, rate: 0.03 });
  });
});

describe('extraction of InversifyJS containers', () => {
  /** The service, its bindings (`bindings`) and a resolution of the service, after the container is made. */
  const program = (parameter: string, bindings: string, resolve = "container.get(TYPES.Trainer).build();") => `import { Container, inject, injectable } from 'inversify';
const TYPES = { Trainer: Symbol.for('Trainer'), Config: Symbol.for('Config'), Rate: Symbol.for('Rate') };
@injectable()
class TrainerService {
  constructor(${parameter}) {}
  build() {
    const model = tf.sequential();
    model.add(tf.layers.dense({ inputShape: [8], units: this.config.units, activation: 'relu' }));
    model.compile({ optimizer: tf.train.adam(this.config.learningRate), loss: 'meanSquaredError' });
    return model;
  }
}
const container = new Container();
container.bind(TYPES.Trainer).to(TrainerService).inSingletonScope();
${bindings}
${resolve}
`;
  const cases: [string, string, string, { units: unknown; rate: unknown }][] = [
    ['toConstantValue', '@inject(TYPES.Config) private readonly config: Config', 'container.bind(TYPES.Config).toConstantValue({ units: 24, learningRate: 0.1 });', { units: 24, rate: 0.1 }],
    ['toDynamicValue and toFactory read other bindings through the context', '@inject(TYPES.Config) private readonly config: Config', "container.bind(TYPES.Rate).toConstantValue(0.2);\ncontainer.bind(TYPES.Config).toDynamicValue((context) => ({ units: 6, learningRate: context.container.get(TYPES.Rate) }));", { units: 6, rate: 0.2 }],
    ['to(Class) constructs the class', '@inject(TYPES.Config) private readonly config: Config', 'class Defaults { units = 10; learningRate = 0.003; }\ncontainer.bind(TYPES.Config).to(Defaults);', { units: 10, rate: 0.003 }],
    ['a rebind replaces the binding', '@inject(TYPES.Config) private readonly config: Config', 'container.bind(TYPES.Config).toConstantValue({ units: 24, learningRate: 0.1 });\ncontainer.rebind(TYPES.Config).toConstantValue({ units: 24, learningRate: 0.001 });', { units: 24, rate: 0.001 }],
    ['a token nothing binds is unknown', '@inject(TYPES.Config) private readonly config: Config', '', { units: undefined, rate: undefined }],
  ];
  for (const [title, parameter, bindings, expected] of cases) {
    it(title, () => assert.deepEqual(trained(program(parameter, bindings), ''), expected));
  }
  it('toSelf binds a class under itself', () => {
    const bindings = "container.bind(TYPES.Config).toConstantValue({ units: 20, learningRate: 0.4 });\ncontainer.bind(TrainerService).toSelf();";
    assert.deepEqual(trained(program('@inject(TYPES.Config) private readonly config: Config', bindings, 'container.get(TrainerService).build();'), ''), { units: 20, rate: 0.4 });
  });
});
