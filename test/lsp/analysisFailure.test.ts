/**
 * An exception inside one document's analysis (an engine bug) is caught: it is logged with its
 * stack, that document's diagnostics are cleared rather than left stale, the status says so, and
 * every other document keeps being served. The engine cannot be made to throw from outside, so
 * this server runs in-process with an analyzer that throws on a marker; the LSP traffic is real.
 */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { analyze } from '../../server/src/engine/analyze';
import { startServer } from '../../server/src/lsp/server';
import { exampleText, SICK_SIGMOID } from './helpers/examples';
import { PUSH_ONLY_CLIENT, TestClient } from './helpers/testClient';

const MARKER = '// EXPLODE_THE_ENGINE\n';

describe('language server: an analysis that throws', () => {
  let client: TestClient;
  const toServer = new PassThrough();
  const fromServer = new PassThrough();
  before(async () => {
    const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(fromServer));
    startServer(connection, {
      analyzer: (document, settings) => {
        if (document.getText().includes(MARKER)) throw new Error('engine bug for the test');
        return analyze(document.getText(), document.uri, settings);
      },
    });
    client = await TestClient.connect(fromServer, toServer, { capabilities: PUSH_ONLY_CLIENT });
  });
  after(async () => {
    await client.stop();
    toServer.end();
    fromServer.end();
  });

  it('clears that document, logs the stack, reports the error, and keeps serving', async () => {
    const uri = 'file:///fails/model.ts';
    await client.open(uri, exampleText(SICK_SIGMOID));
    await client.pushedDiagnostics(uri, (items) => items.some((d) => d.code === 'vanishing-gradient'));

    await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: MARKER }]);
    await client.pushedDiagnostics(uri, (items, version) => version === 2 && items.length === 0);
    assert.ok(client.logs.some((log) => log.includes('analysis of file:///fails/model.ts failed') && log.includes('engine bug for the test')));
    assert.ok(client.statuses.some((status) => status.uri === uri && status.state === 'error' && /engine bug/.test(status.message ?? '')));

    await client.open('file:///fails/other.ts', exampleText(SICK_SIGMOID));
    await client.pushedDiagnostics('file:///fails/other.ts', (items) => items.some((d) => d.code === 'vanishing-gradient'));

    await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text: '' }]);
    await client.pushedDiagnostics(uri, (items, version) => version === 3 && items.some((d) => d.code === 'vanishing-gradient'));
  });
});
