/** `gradient-doctor fix [paths] [--dry-run]` in-process, on copies of the examples. */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFix } from '../../../server/src/cli/fix';
import { UsageError, type CliIO } from '../../../server/src/cli/io';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');

function memoryIO(): CliIO & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
    readFile: (path: string) => readFileSync(path, 'utf8'),
    writeFile: (path: string, text: string) => writeFileSync(path, text),
  };
  return io;
}

describe('fix command', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gd-fix-'));
    copyFileSync(join(EXAMPLES, 'sick', 'wide-init-regressor.js'), join(dir, 'wide.js'));
    copyFileSync(join(EXAMPLES, 'healthy', 'relu-he-mlp.ts'), join(dir, 'healthy.ts'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('--dry-run prints a unified diff and writes nothing', async () => {
    const io = memoryIO();
    const before = readFileSync(join(dir, 'wide.js'), 'utf8');
    assert.equal(await runFix([dir, '--dry-run'], io), 0);
    assert.equal(readFileSync(join(dir, 'wide.js'), 'utf8'), before);
    assert.match(io.out, /^-model\.compile\(\{ optimizer: tf\.train\.sgd\(0\.5\), loss: 'meanSquaredError' \}\);$/m);
    assert.match(io.out, /^\+model\.compile\(\{ optimizer: withGradientClipping\(tf\.train\.sgd\(0\.001\), 80\), loss: 'meanSquaredError' \}\);$/m);
    assert.match(io.out, /wide\.js: would apply 7 fixes/);
    assert.match(io.out, /1 file would change; 0 warnings or errors left/);
  });

  it('writes the fixed files, reports each fix, and a second run changes nothing', async () => {
    const io = memoryIO();
    assert.equal(await runFix([dir], io), 0);
    const fixed = readFileSync(join(dir, 'wide.js'), 'utf8');
    assert.match(fixed, /kernelInitializer: 'heUniform'/);
    assert.match(io.out, /high-learning-rate: Lower the learning rate to 0\.001 \(half this model/);
    const again = memoryIO();
    assert.equal(await runFix([dir], again), 0);
    assert.equal(readFileSync(join(dir, 'wide.js'), 'utf8'), fixed);
    assert.match(again.out, /^0 files changed/m);
  });

  it('exits 1 when warnings without an automatic fix are left', async () => {
    const path = join(dir, 'bn.ts');
    writeFileSync(path, `import * as tf from '@tensorflow/tfjs';
export const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [128], units: 128, activation: 'relu', kernelInitializer: 'heUniform' }));
model.add(tf.layers.batchNormalization());
for (let i = 1; i < 32; i++) {
  model.add(tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: 'heUniform' }));
  model.add(tf.layers.batchNormalization());
}
model.add(tf.layers.dense({ units: 10 }));
`);
    const io = memoryIO();
    assert.equal(await runFix([path], io), 1);
    assert.match(io.out, /warning exploding-gradient \(no automatic fix left\)/);
  });

  it('rejects unknown options and refuses to write without writeFile', async () => {
    await assert.rejects(runFix(['--force'], memoryIO()), UsageError);
    const { writeFile: _unused, ...readOnly } = memoryIO();
    await assert.rejects(runFix([dir], readOnly), /--dry-run/);
  });
});
