/**
 * The extras around diagnostics: CodeLens per model, the status notification, the panel's
 * analysis request, the documentation command for clients that do not run it themselves, and
 * `run: onSave`.
 */
import assert from 'node:assert/strict';
import {
  CancellationTokenSource,
  CodeLensRequest,
  DocumentDiagnosticReportKind,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  LSPErrorCodes,
} from 'vscode-languageserver-protocol';
import { ruleDocUrl } from '../../server/src/engine/findings';
import { ANALYSIS_REQUEST, SHOW_DOCUMENTATION_COMMAND, SHOW_FLOW_COMMAND, type AnalysisResponse } from '../../server/src/engine/protocol';
import { exampleText, HEALTHY_RELU, SICK_SIGMOID } from './helpers/examples';
import { BUILD_TIMEOUT_MS } from './helpers/ensureBuilt';
import { PULL_CLIENT, TestClient } from './helpers/testClient';

const SICK_URI = 'file:///features/sick.ts';
const HEALTHY_URI = 'file:///features/healthy.ts';

describe('language server over stdio: CodeLens, status, panel request, commands', function () {
  let client: TestClient;
  before(async function () {
    this.timeout(BUILD_TIMEOUT_MS); // the first start may build dist/
    client = await TestClient.start({
      capabilities: { ...PULL_CLIENT, window: { showDocument: { support: true } } },
      configuration: (item) => (item.scopeUri === 'file:///on-save/model.ts' ? { run: 'onSave' } : null),
    });
    await client.open(SICK_URI, exampleText(SICK_SIGMOID));
    await client.open(HEALTHY_URI, exampleText(HEALTHY_RELU));
  });
  after(async () => client.stop());

  it('puts a CodeLens over each model: the verdict with its ratio, opening the flow panel', async () => {
    const [sickLens] = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: SICK_URI } }) ?? [];
    assert.match(sickLens.command!.title, /^Gradient flow: vanishing \(\de-\d+\) · Show$/);
    assert.equal(sickLens.command!.command, SHOW_FLOW_COMMAND);
    assert.deepEqual(sickLens.command!.arguments, [SICK_URI, 0]);
    const [healthyLens] = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: HEALTHY_URI } }) ?? [];
    assert.equal(healthyLens.command!.title, 'Gradient flow: healthy · Show');
  });

  it('analyses untitled buffers, taking the file kind from the language', async () => {
    const uri = 'untitled:Untitled-1';
    await client.open(uri, exampleText(SICK_SIGMOID), 'typescriptreact');
    const report = await client.pull(uri);
    assert.ok(report.kind === DocumentDiagnosticReportKind.Full && report.items.some((d) => d.code === 'vanishing-gradient'));
  });

  it('notifies the analysis time of each document', async () => {
    await client.pull(SICK_URI);
    const status = client.statuses.find((s) => s.uri === SICK_URI);
    assert.equal(status?.state, 'ready');
    assert.ok(typeof status.lastAnalysisMs === 'number' && status.lastAnalysisMs >= 0 && status.lastAnalysisMs < 10000);
  });

  it('answers gradientDoctor/analysis with the panel payload of an open document', async () => {
    const response: AnalysisResponse = await client.connection.sendRequest(ANALYSIS_REQUEST, { uri: SICK_URI });
    assert.equal(response.uri, SICK_URI);
    assert.equal(response.version, 1);
    assert.equal(response.models.length, 1);
    assert.ok(response.models[0].findings.some((finding) => finding.rule === 'vanishing-gradient'));
    await assert.rejects(client.connection.sendRequest(ANALYSIS_REQUEST, { uri: 'file:///not/open.ts' }), /not an open document/);
  });

  it('opens rule documentation through window/showDocument when the client does not handle the command', async () => {
    assert.deepEqual(client.initializeResult.capabilities.executeCommandProvider?.commands, [SHOW_DOCUMENTATION_COMMAND, SHOW_FLOW_COMMAND]);
    const url = ruleDocUrl('vanishing-gradient');
    await client.connection.sendRequest(ExecuteCommandRequest.type, { command: SHOW_DOCUMENTATION_COMMAND, arguments: [url] });
    assert.deepEqual(client.shownDocuments, [url]);
    await assert.rejects(
      client.connection.sendRequest(ExecuteCommandRequest.type, { command: SHOW_DOCUMENTATION_COMMAND, arguments: ['https://evil.example/'] }),
    );
    assert.deepEqual(client.shownDocuments, [url], 'only documentation URLs are opened');
  });

  it('answers the CodeLens command with a one-line flow summary when the client has no panel', async () => {
    await client.connection.sendRequest(ExecuteCommandRequest.type, { command: SHOW_FLOW_COMMAND, arguments: [SICK_URI, 0] });
    const summary = client.messages.find((message) => message.startsWith('Gradient flow of buildClassifier'));
    assert.match(summary ?? '', /^Gradient flow of buildClassifier: vanishing \(\de-\d+\); predicted ‖∇W‖ per layer: dense_1 \de-\d+, .*dense_9 /);
    await assert.rejects(client.connection.sendRequest(ExecuteCommandRequest.type, { command: SHOW_FLOW_COMMAND, arguments: [SICK_URI, 7] }));
  });

  it('honours $/cancelRequest of a pull still waiting for its settings', async () => {
    // A document not seen before: the server asks for its settings, and the cancel overtakes the answer.
    const uri = 'file:///features/cancelled.ts';
    await client.open(uri, exampleText(SICK_SIGMOID));
    const source = new CancellationTokenSource();
    const pending = client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }, source.token);
    source.cancel();
    await assert.rejects(pending, (error: { code?: number }) => error.code === LSPErrorCodes.RequestCancelled);
    const report = await client.pull(uri);
    assert.ok(report.kind === DocumentDiagnosticReportKind.Full && report.items.length > 0, 'the next pull is answered');
  });

  it('with run: onSave keeps the saved version\'s diagnostics while editing', async () => {
    const uri = 'file:///on-save/model.ts';
    await client.open(uri, exampleText(SICK_SIGMOID));
    const first = await client.pull(uri);
    assert.ok(first.kind === DocumentDiagnosticReportKind.Full && first.items.length > 0);
    await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// edited\n' }]);
    const whileEditing = await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId });
    assert.deepEqual(whileEditing, { kind: DocumentDiagnosticReportKind.Unchanged, resultId: first.resultId });
    await client.save(uri);
    const afterSave = await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId });
    assert.equal((afterSave as { kind: string }).kind, DocumentDiagnosticReportKind.Full);
  });
});

describe('language server over stdio: a client that runs the commands itself (VS Code)', () => {
  it('does not register them on the server', async function () {
    this.timeout(BUILD_TIMEOUT_MS);
    const handledCommands = [SHOW_DOCUMENTATION_COMMAND, SHOW_FLOW_COMMAND];
    const client = await TestClient.start({ capabilities: PULL_CLIENT, initializationOptions: { handledCommands } });
    try {
      assert.equal(client.initializeResult.capabilities.executeCommandProvider, undefined);
    } finally {
      await client.stop();
    }
  });
});
