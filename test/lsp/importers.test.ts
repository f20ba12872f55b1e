/**
 * Call sites in other workspace files, over stdio: the server indexes which workspace files import
 * which, and analyses a factory's file with the calls of the files importing it, again when an
 * importer is saved, closed, or changed on disk (file watcher).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, DocumentDiagnosticReportKind, FileChangeType } from 'vscode-languageserver-protocol';
import { BUILD_TIMEOUT_MS } from './helpers/ensureBuilt';
import { PULL_CLIENT, TestClient } from './helpers/testClient';

const MODELS = `import * as tf from '@tensorflow/tfjs';

export function buildModel(kind: string) {
  const model = tf.sequential();
  model.add(tf.layers.embedding({ inputDim: 5000, outputDim: 32, inputLength: 200 }));
  if (kind === 'lstm') model.add(tf.layers.lstm({ units: 32 }));
  else if (kind === 'simpleRNN') model.add(tf.layers.simpleRNN({ units: 32 }));
  else throw new Error('unknown kind');
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  return model;
}
`;
const caller = (kind: string) => `import { buildModel } from './models';\nexport const model = buildModel('${kind}');\n`;

describe('language server over stdio: call sites in files that import a factory', function () {
  let client: TestClient;
  let dir: string;
  let modelsUri: string;
  before(async function () {
    this.timeout(BUILD_TIMEOUT_MS); // the first start may build dist/
    dir = mkdtempSync(join(tmpdir(), 'gd-importers-'));
    writeFileSync(join(dir, 'models.ts'), MODELS);
    writeFileSync(join(dir, 'train.ts'), caller('lstm'));
    modelsUri = pathToFileURL(join(dir, 'models.ts')).href;
    client = await TestClient.start({ capabilities: PULL_CLIENT, rootUri: pathToFileURL(dir).href });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The long-simple-rnn messages of models.ts, up to the variant's label. */
  const longRnn = async (): Promise<string[]> => {
    const report = await client.pull(modelsUri);
    assert.equal(report.kind, DocumentDiagnosticReportKind.Full);
    return report.kind === DocumentDiagnosticReportKind.Full ? report.items.filter((item) => item.code === 'long-simple-rnn').map((item) => item.message.slice(0, item.message.indexOf(': simpleRNN_1'))) : [];
  };

  /** Pulls until `accept` holds (the workspace scan runs in the background), at most 10 s. */
  const eventually = async (accept: (messages: string[]) => boolean): Promise<string[]> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const messages = await longRnn();
      if (accept(messages) || Date.now() > deadline) return messages;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  it("train.ts on disk calls buildModel('lstm'): models.ts gets no simpleRNN finding once the workspace is indexed", async () => {
    await client.open(modelsUri, MODELS);
    assert.deepEqual(await eventually((messages) => messages.length === 0), []);
  });

  it("an open train.ts changed to buildModel('simpleRNN') and saved: models.ts names that call", async () => {
    const trainUri = pathToFileURL(join(dir, 'train.ts')).href;
    await client.open(trainUri, caller('lstm'));
    await client.change(trainUri, [{ range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, text: "export const model = buildModel('simpleRNN');\n" }]);
    await client.save(trainUri);
    assert.deepEqual(await longRnn(), ["As called at train.ts:2 (buildModel('simpleRNN'))"]);
    // Closed without writing: the disk's lstm call counts again.
    await client.close(trainUri);
    assert.deepEqual(await longRnn(), []);
  });

  it('a file created on disk, announced by the file watcher, counts as an importer', async () => {
    const evaluatePath = join(dir, 'evaluate.ts');
    writeFileSync(evaluatePath, caller('simpleRNN'));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(evaluatePath).href, type: FileChangeType.Created }] });
    assert.deepEqual(await longRnn(), ["As called at evaluate.ts:2 (buildModel('simpleRNN'))"]);
  });

  it('a call through a barrel that renames the factory counts, once the files are announced', async () => {
    const barrelPath = join(dir, 'index.ts');
    const appPath = join(dir, 'app.ts');
    const announce = (path: string) => client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(path).href, type: FileChangeType.Created }] });
    writeFileSync(barrelPath, "export { buildModel as createModel } from './models';\n");
    await announce(barrelPath);
    assert.deepEqual(await longRnn(), ["As called at evaluate.ts:2 (buildModel('simpleRNN'))"]);
    // app.ts imports only the barrel: models.ts is analysed again all the same.
    writeFileSync(appPath, "import { createModel } from './index';\nexport const model = createModel('simpleRNN');\n");
    await announce(appPath);
    // evaluate.ts builds the same simpleRNN model: one finding names both calls.
    assert.deepEqual(await longRnn(), ["As called at evaluate.ts:2, app.ts:2 (buildModel('simpleRNN'))"]);
  });
});
