/** The workspace import index: which files may import which, from a text scan of relative specifiers. */
import assert from 'node:assert/strict';
import { ImportIndex, MAX_IMPORTERS, importersThroughBarrels, relativeSpecifiers } from '../../../server/src/engine/importIndex';

describe('import index', () => {
  it('finds relative specifiers of import, export-from, require and dynamic import, not packages', () => {
    const text = `import * as tf from '@tensorflow/tfjs';\nimport { a } from './models';\nexport { b } from "../lib/b.js";\nconst c = require( './c' );\nconst d = await import('./d');\nimport './side';\n`;
    assert.deepEqual(relativeSpecifiers(text), ['./models', '../lib/b.js', './c', './d', './side']);
  });

  it("finds the entry files of the worker threads a file starts: the starter sends their workerData", () => {
    const text = `const { Worker } = require('worker_threads');\nnew Worker(path.join(__dirname, 'train-worker.js'), { workerData });\nnew Worker('./score.js');\nnew Worker(new URL('../workers/ingest.mjs', import.meta.url));\nnew Worker(resolve(__dirname, "eval.cjs"));\nnew Worker(__filename);\n`;
    assert.deepEqual(relativeSpecifiers(text), ['./train-worker.js', './score.js', '../workers/ingest.mjs', './eval.cjs']);
  });

  it('answers the files that import a file, follows their updates and removals, and stays bounded', () => {
    const index = new ImportIndex(3);
    index.update('/ws/src/train.ts', "import { buildModel } from './models';");
    index.update('/ws/eval.js', "const m = require('./src/models.js');");
    index.update('/ws/src/other.ts', "import { x } from './other-models';");
    assert.deepEqual(index.importersOf('/ws/src/models.ts'), ['/ws/src/train.ts', '/ws/eval.js']);
    assert.deepEqual(index.update('/ws/src/train.ts', 'const nothing = 1;'), ['./models']);
    assert.deepEqual(index.importersOf('/ws/src/models.ts'), ['/ws/eval.js']);
    index.remove('/ws/eval.js');
    assert.deepEqual(index.importersOf('/ws/src/models.ts'), []);
    index.update('/ws/a.ts', "import './src/models';");
    index.update('/ws/b.ts', "import './src/models';");
    index.update('/ws/c.ts', "import './src/models';");
    assert.equal(index.size, 3, 'at most maxFiles files');
    const many = new ImportIndex();
    for (let i = 0; i < MAX_IMPORTERS + 5; i++) many.update(`/ws/f${i}.ts`, "import './models';");
    assert.equal(many.importersOf('/ws/models.ts').length, MAX_IMPORTERS);
  });

  it('answers for every file at once (allImporters) exactly what importersOf answers for each', () => {
    const index = new ImportIndex();
    const files: string[] = [];
    const specifiersFor = (i: number): string[] => [
      `./m${(i * 7 + 3) % 60}`, // other modules of the same directory, several importers each
      `./m${i}.js`, // itself, written as the .js that means .ts
      '../lib', // an index file
      `../src/m${(i + 1) % 60}.ts`,
      ...(i % 4 !== 3 ? ['./hub'] : []), // more importers than MAX_IMPORTERS
      '@tensorflow/tfjs',
    ];
    for (let i = 0; i < 60; i++) {
      const file = `/ws/src/m${i}.ts`;
      files.push(file);
      index.update(file, specifiersFor(i).map((specifier) => `import * as x from '${specifier}';`).join('\n'));
    }
    files.push('/ws/src/hub.ts', '/ws/lib/index.ts', '/ws/src/none.ts');
    const all = index.allImporters();
    for (const file of files) assert.deepEqual(all(file), index.importersOf(file), file);
    assert.equal(all('/ws/src/hub.ts').length, MAX_IMPORTERS);
    assert.equal(all('/ws/lib/index.ts').length, MAX_IMPORTERS);
    assert.ok(all('/ws/src/m3.ts').length >= 2);
  });
});

describe('importers through barrels', () => {
  /** The files handed to `target`'s analysis in a workspace of these texts, sorted. */
  function importersGiven(target: string, files: [string, string][]): string[] {
    const texts = new Map(files);
    const index = new ImportIndex();
    for (const [fileName, text] of texts) index.update(fileName, text);
    return importersThroughBarrels(target, (file) => index.importersOf(file), (fileName) => texts.get(fileName)).map((importer) => importer.fileName).sort();
  }

  it('the files importing a barrel that re-exports the target come with it; the importers of an ordinary importer do not', () => {
    const importers = importersGiven('/ws/models/factory.ts', [
      ['/ws/models/factory.ts', 'export function buildModel() {}\n'],
      ['/ws/models/index.ts', "export { buildModel as createModel } from './factory';\n"],
      ['/ws/main.ts', "import { createModel } from './models';\ncreateModel();\n"],
      ['/ws/models/use.ts', "import { buildModel } from './factory';\nexport const m = buildModel();\n"],
      ['/ws/app.ts', "import { m } from './models/use';\n"],
    ]);
    assert.deepEqual(importers, ['/ws/main.ts', '/ws/models/index.ts', '/ws/models/use.ts']);
  });

  it("the files importing a file that declares a subclass come with it (they may construct the target's class through it)", () => {
    const importers = importersGiven('/ws/base.ts', [
      ['/ws/base.ts', 'export abstract class BaseTrainer {}\n'],
      ['/ws/kiosk.ts', "import { BaseTrainer } from './base';\nexport class KioskTrainer extends BaseTrainer {}\n"],
      ['/ws/main.ts', "import { KioskTrainer } from './kiosk';\nnew KioskTrainer();\n"],
      ['/ws/util.ts', "import { BaseTrainer } from './base';\nexport const isTrainer = (x) => x instanceof BaseTrainer;\n"],
      ['/ws/app.ts', "import { isTrainer } from './util';\n"],
    ]);
    assert.deepEqual(importers, ['/ws/kiosk.ts', '/ws/main.ts', '/ws/util.ts']);
  });
});
