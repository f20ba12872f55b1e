/** The workspace import index: which files may import which, from a text scan of relative specifiers. */
import assert from 'node:assert/strict';
import { ImportIndex, MAX_IMPORTERS, relativeSpecifiers } from '../../../server/src/engine/importIndex';

describe('import index', () => {
  it('finds relative specifiers of import, export-from, require and dynamic import, not packages', () => {
    const text = `import * as tf from '@tensorflow/tfjs';\nimport { a } from './models';\nexport { b } from "../lib/b.js";\nconst c = require( './c' );\nconst d = await import('./d');\nimport './side';\n`;
    assert.deepEqual(relativeSpecifiers(text), ['./models', '../lib/b.js', './c', './d', './side']);
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
});
