/**
 * Models built with helpers from other files: the server reads an imported file from the editor
 * when it is open (unsaved edits count), else from disk.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DocumentDiagnosticReportKind } from 'vscode-languageserver-protocol';
import { BUILD_TIMEOUT_MS } from './helpers/ensureBuilt';
import { PULL_CLIENT, TestClient } from './helpers/testClient';

const block = (activation: string, initializer: string) => `import * as tf from '@tensorflow/tfjs';

export function hiddenBlock(model: tf.Sequential, depth: number): void {
  for (let i = 0; i < depth; i++) {
    model.add(tf.layers.dense({ units: 128, activation: '${activation}', kernelInitializer: '${initializer}' }));
  }
}
`;

const MODEL = `import * as tf from '@tensorflow/tfjs';
import { hiddenBlock } from './block';

export function build(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [128], units: 128, activation: 'relu', kernelInitializer: 'heUniform' }));
  hiddenBlock(model, 8);
  model.add(tf.layers.dense({ units: 10 }));
  return model;
}
`;

describe('language server over stdio: models built by imported helpers', function () {
  let client: TestClient;
  let dir: string;
  before(async function () {
    this.timeout(BUILD_TIMEOUT_MS); // the first start may build dist/
    dir = mkdtempSync(join(tmpdir(), 'gd-cross-'));
    writeFileSync(join(dir, 'block.ts'), block('sigmoid', 'glorotUniform'));
    writeFileSync(join(dir, 'model.ts'), MODEL);
    client = await TestClient.start({ capabilities: PULL_CLIENT });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const rules = async (uri: string): Promise<string[]> => {
    const report = await client.pull(uri);
    assert.equal(report.kind, DocumentDiagnosticReportKind.Full);
    return report.kind === DocumentDiagnosticReportKind.Full ? report.items.map((item) => String(item.code)) : [];
  };

  it('reads the helper from disk, then its unsaved text once it is open', async () => {
    const modelUri = pathToFileURL(join(dir, 'model.ts')).href;
    const blockUri = pathToFileURL(join(dir, 'block.ts')).href;
    await client.open(modelUri, MODEL);
    assert.ok((await rules(modelUri)).includes('vanishing-gradient'), 'sigmoid layers from block.ts on disk');

    await client.open(blockUri, block('relu', 'heUniform'));
    // The model's diagnostics are re-pulled when it changes (no inter-file dependencies).
    await client.change(modelUri, [{ range: { start: { line: 10, character: 0 }, end: { line: 10, character: 0 } }, text: '// touched\n' }]);
    assert.ok(!(await rules(modelUri)).includes('vanishing-gradient'), 'relu layers from the open, unsaved block.ts');
  });
});
