/**
 * Half-written and oversized documents: the server answers for them and keeps serving the
 * next document.
 */
import assert from 'node:assert/strict';
import { exampleText, SICK_SIGMOID } from './helpers/examples';
import { BUILD_TIMEOUT_MS } from './helpers/ensureBuilt';
import { PUSH_ONLY_CLIENT, TestClient } from './helpers/testClient';

describe('language server over stdio: broken and huge documents', function () {
  let client: TestClient;
  before(async function () {
    this.timeout(BUILD_TIMEOUT_MS); // the first start may build dist/
    client = await TestClient.start({ capabilities: PUSH_ONLY_CLIENT });
  });
  after(async () => client.stop());

  async function stillServing(uri: string): Promise<void> {
    await client.open(uri, exampleText(SICK_SIGMOID));
    await client.pushedDiagnostics(uri, (items) => items.some((d) => d.code === 'vanishing-gradient'));
    assert.equal(client.child?.exitCode, null, 'server process alive');
  }

  it('survives broken syntax, typed keystroke by keystroke', async () => {
    const uri = 'file:///broken/model.ts';
    const sick = exampleText(SICK_SIGMOID);
    await client.open(uri, sick.slice(0, sick.indexOf('for (')) + 'model.add(tf.layers.dense({ units: , activation: "sig');
    await client.pushedDiagnostics(uri);
    // A burst of edits: each one lands inside the previous debounce window.
    for (const piece of ['moid', '" ', '}));', '\n}}}}((( ', '\u0000\uD800 ']) {
      const document = client.documents.get(uri)!;
      const end = document.positionAt(document.getText().length);
      await client.change(uri, [{ range: { start: end, end }, text: piece }]);
    }
    const finalVersion = client.documents.get(uri)!.version;
    await client.pushedDiagnostics(uri, (_items, version) => version === finalVersion);
    await stillServing('file:///broken/after.ts');
  });

  it('skips a file above the size limit with a clear status message, and keeps serving', async () => {
    const uri = 'file:///huge/model.ts';
    const filler = '// padding line of a very large generated file ...............................\n';
    const huge = exampleText(SICK_SIGMOID) + filler.repeat(Math.ceil(1_200_000 / filler.length));
    await client.open(uri, huge);
    assert.deepEqual(await client.pushedDiagnostics(uri), []);
    const status = client.statuses.find((s) => s.uri === uri);
    assert.match(status?.message ?? '', /maxFileSize/);
    await stillServing('file:///huge/after.ts');
  });

  it('analyses a large file below the limit without dying', async () => {
    const uri = 'file:///large/model.ts';
    const sick = exampleText(SICK_SIGMOID);
    const body = sick.slice(sick.indexOf('export function'));
    const copies = Array.from({ length: 150 }, (_, i) => body.replace('buildClassifier', `buildClassifier${i}`)).join('\n');
    const large = `import * as tf from '@tensorflow/tfjs';\nconst FEATURES = 128;\nconst HIDDEN = 128;\nconst DEPTH = 8;\n${copies}`;
    await client.open(uri, large);
    const diagnostics = await client.pushedDiagnostics(uri, undefined, 30000);
    assert.ok(diagnostics.length > 0, 'findings for the copies analysed within the budget');
    await stillServing('file:///large/after.ts');
  });
});
