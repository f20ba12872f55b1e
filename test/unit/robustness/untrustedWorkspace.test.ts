/**
 * Untrusted workspaces: analysis reads code, it never runs it. The workspace below is booby-trapped:
 * the model imports constants from sibling modules and tfjs from a local node_modules, and every
 * one of them, if loaded, writes a marker file and throws. The engine and the CLI analyse it; the
 * marker must never appear. (A control proves the trap works: loading a module does write it.)
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../../server/src/engine/analyze';
import { ensureBuilt } from '../../lsp/helpers/ensureBuilt';

function trap(marker: string): string {
  return `require('fs').writeFileSync(${JSON.stringify(marker)}, 'workspace code ran: ' + __filename);\nthrow new Error('workspace code was executed');\n`;
}

describe('untrusted workspace: nothing from it is executed', function () {
  this.timeout(60_000);
  let root: string;
  let marker: string;
  let mainFile: string;

  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'gd-untrusted-'));
    marker = path.join(root, 'EXECUTED');
    for (const sibling of ['sizes.js', 'sizes.ts', 'layers.js', 'layers.cjs']) writeFileSync(path.join(root, sibling), trap(marker));
    const localTfjs = path.join(root, 'node_modules', '@tensorflow', 'tfjs');
    mkdirSync(localTfjs, { recursive: true });
    writeFileSync(path.join(localTfjs, 'package.json'), JSON.stringify({ name: '@tensorflow/tfjs', main: 'index.js' }));
    writeFileSync(path.join(localTfjs, 'index.js'), trap(marker));
    mainFile = path.join(root, 'model.ts');
    writeFileSync(
      mainFile,
      [
        "import * as tf from '@tensorflow/tfjs';",
        "import { HIDDEN } from './sizes';",
        "const { makeLayer } = require('./layers.js');",
        'const model = tf.sequential();',
        "model.add(tf.layers.dense({ inputShape: [HIDDEN], units: HIDDEN, activation: 'sigmoid' }));",
        "for (let i = 0; i < 10; i++) model.add(tf.layers.dense({ units: HIDDEN, activation: 'sigmoid' }));",
        'model.add(makeLayer());',
        "model.compile({ optimizer: tf.train.sgd(3), loss: 'meanSquaredError' });",
        '',
      ].join('\n'),
    );
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  it('control: loading a trapped module does write the marker', () => {
    const control = mkdtempSync(path.join(tmpdir(), 'gd-control-'));
    try {
      const controlMarker = path.join(control, 'EXECUTED');
      writeFileSync(path.join(control, 'trap.js'), trap(controlMarker));
      spawnSync(process.execPath, [path.join(control, 'trap.js')]);
      assert.ok(existsSync(controlMarker));
    } finally {
      rmSync(control, { recursive: true, force: true });
    }
  });

  it('the engine analyses the model, reading its imports as text, without loading them', () => {
    const read: string[] = [];
    const readFile = (file: string): string | undefined => {
      read.push(file);
      return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    };
    const result = analyze(readFileSync(mainFile, 'utf8'), mainFile, undefined, { cache: null, readFile });
    assert.equal(result.skipped, undefined);
    assert.ok(result.models.length >= 1, 'the model was found');
    assert.ok(read.some((file) => file.includes('sizes')), `the sibling module was read: ${read.join(', ')}`);
    assert.equal(existsSync(marker), false, existsSync(marker) ? readFileSync(marker, 'utf8') : '');
  });

  it('the CLI checks the workspace without loading anything from it', () => {
    const run = spawnSync(process.execPath, [ensureBuilt('cli.js'), 'check', root, '--format', 'json'], { cwd: root, encoding: 'utf8' });
    assert.ok(run.status === 0 || run.status === 1, `cli exited ${run.status}: ${run.stderr}`);
    const findings = JSON.parse(run.stdout) as { file: string }[];
    assert.ok(findings.some((finding) => finding.file.endsWith('model.ts')), 'the CLI analysed model.ts');
    assert.equal(existsSync(marker), false, existsSync(marker) ? readFileSync(marker, 'utf8') : '');
  });
});
