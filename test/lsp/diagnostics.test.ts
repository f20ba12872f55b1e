/**
 * The built server (node dist/server.js --stdio) driven by a real JSON-RPC client: a sick
 * document gets diagnostics (pulled by a client that can pull, pushed otherwise), its preferred
 * quick fix is applied as an editor would (versioned edit -> didChange) and the diagnostic goes.
 */
import assert from 'node:assert/strict';
import { DocumentDiagnosticReportKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol';
import { ruleDocUrl } from '../../server/src/engine/findings';
import { FIX_ALL_CODE_ACTION_KIND } from '../../server/src/engine/protocol';
import { exampleText, HEALTHY_RELU, SICK_SIGMOID, WIDE_INIT } from './helpers/examples';
import { BUILD_TIMEOUT_MS } from './helpers/ensureBuilt';
import { PULL_CLIENT, PUSH_ONLY_CLIENT, TestClient } from './helpers/testClient';

const SICK_URI = 'file:///workspace/deep-sigmoid-classifier.ts';
const HEALTHY_URI = 'file:///workspace/relu-he-mlp.ts';

async function pulledItems(client: TestClient, uri: string): Promise<Diagnostic[]> {
  const report = await client.pull(uri);
  assert.equal(report.kind, DocumentDiagnosticReportKind.Full);
  return report.kind === DocumentDiagnosticReportKind.Full ? report.items : [];
}

function preferredFix(actions: (CodeAction | { command: string })[], rule: string): CodeAction {
  const fix = actions.find((action): action is CodeAction => 'kind' in action && action.isPreferred === true && action.diagnostics?.[0]?.code === rule);
  assert.ok(fix, `no preferred quick fix for ${rule} among ${actions.map((action) => ('title' in action ? action.title : '?')).join(' | ')}`);
  return fix;
}

describe('language server over stdio: pull diagnostics and quick fixes', function () {
  let client: TestClient;
  before(async function () {
    this.timeout(BUILD_TIMEOUT_MS); // the first start may build dist/
    client = await TestClient.start({ capabilities: PULL_CLIENT });
  });
  after(async () => client.stop());

  it('advertises pull diagnostics, quick fixes and the fix-all source action', () => {
    const capabilities = client.initializeResult.capabilities;
    assert.deepEqual(capabilities.diagnosticProvider, { interFileDependencies: false, workspaceDiagnostics: false });
    assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix', FIX_ALL_CODE_ACTION_KIND] });
    assert.equal(typeof capabilities.textDocumentSync === 'object' && capabilities.textDocumentSync.change, 2, 'incremental sync');
  });

  it('reports vanishing-gradient on the sick model with rule code, docs link and exact range', async () => {
    await client.open(SICK_URI, exampleText(SICK_SIGMOID));
    const items = await pulledItems(client, SICK_URI);
    const vanishing = items.filter((diagnostic) => diagnostic.code === 'vanishing-gradient');
    assert.ok(vanishing.length > 0, `expected vanishing-gradient, got ${JSON.stringify(items)}`);
    const text = client.text(SICK_URI);
    for (const diagnostic of vanishing) {
      assert.equal(diagnostic.source, 'gradient-doctor');
      assert.equal(diagnostic.codeDescription?.href, ruleDocUrl('vanishing-gradient'));
      assert.match(diagnostic.message, /\de-?\d|10\^/, 'the message carries the predicted numbers');
      const document = client.documents.get(SICK_URI)!;
      const covered = text.slice(document.offsetAt(diagnostic.range.start), document.offsetAt(diagnostic.range.end));
      assert.ok(covered.length > 0 && !/^\s|\s$/.test(covered), `range covers source, not whitespace: '${covered}'`);
      assert.ok(Array.isArray(diagnostic.relatedInformation));
    }
    assert.deepEqual(await pulledItems(client, HEALTHY_URI), [], 'not open: nothing to report');
  });

  it('applies the preferred quick fix (versioned edit, incremental didChange) and the diagnostic goes', async () => {
    const [diagnostic] = (await pulledItems(client, SICK_URI)).filter((item) => item.code === 'vanishing-gradient');
    const actions = await client.codeActions(SICK_URI, diagnostic.range, [diagnostic]);
    const fix = preferredFix(actions, 'vanishing-gradient');
    assert.equal(fix.kind, 'quickfix');
    const edit = fix.edit!.documentChanges![0];
    assert.ok('textDocument' in edit && edit.textDocument.version === 1, 'edit names the version it was computed for');
    assert.ok(
      actions.some((action) => action.title === 'Show documentation for vanishing-gradient'),
      'documentation action offered',
    );

    await client.applyEdit(fix.edit!);
    assert.notEqual(client.text(SICK_URI), exampleText(SICK_SIGMOID));
    const after = await pulledItems(client, SICK_URI);
    assert.deepEqual(after.filter((item) => item.code === 'vanishing-gradient'), [], `still reported: ${JSON.stringify(after)}`);

    // The old fix was computed for version 1: an editor must refuse it now.
    await assert.rejects(client.applyEdit(fix.edit!), /stale edit/);
  });

  it('answers source.fixAll.gradientDoctor only when asked for that kind', async () => {
    await client.open('file:///workspace/fix-all.ts', exampleText(SICK_SIGMOID));
    const whole = { start: { line: 0, character: 0 }, end: { line: client.documents.get('file:///workspace/fix-all.ts')!.lineCount, character: 0 } };
    const lightbulb = await client.codeActions('file:///workspace/fix-all.ts', whole);
    assert.ok(lightbulb.length > 0);
    assert.ok(lightbulb.every((action) => 'kind' in action && action.kind === 'quickfix'), 'no source action unless asked');
    const onSave = await client.codeActions('file:///workspace/fix-all.ts', whole, [], ['source.fixAll']);
    assert.equal(onSave.length, 1);
    const [fixAll] = onSave as CodeAction[];
    assert.equal(fixAll.kind, FIX_ALL_CODE_ACTION_KIND);
    await client.applyEdit(fixAll.edit!);
    const remaining = (await pulledItems(client, 'file:///workspace/fix-all.ts')).filter((item) => item.code === 'vanishing-gradient');
    assert.deepEqual(remaining, []);
  });

  it('fixes every large-init-scale problem of the file with one "fix all" action', async () => {
    const uri = 'file:///workspace/wide-init-regressor.js';
    await client.open(uri, exampleText(WIDE_INIT), 'javascript');
    const found = (await pulledItems(client, uri)).filter((item) => item.code === 'large-init-scale');
    assert.ok(found.length > 1, 'several large-init-scale findings in the example');
    const actions = await client.codeActions(uri, found[0].range, [found[0]]);
    const fixAll = actions.find((action): action is CodeAction => action.title === 'Fix all large-init-scale problems in file');
    assert.ok(fixAll?.edit);
    await client.applyEdit(fixAll.edit);
    assert.deepEqual((await pulledItems(client, uri)).filter((item) => item.code === 'large-init-scale'), []);
  });

  for (const scope of ['line', 'file'] as const) {
    it(`disables a rule for this ${scope} with a comment, and the diagnostic goes`, async () => {
      const uri = `file:///workspace/disable-${scope}.ts`;
      await client.open(uri, exampleText(SICK_SIGMOID));
      const [diagnostic] = (await pulledItems(client, uri)).filter((item) => item.code === 'vanishing-gradient');
      const actions = await client.codeActions(uri, diagnostic.range, [diagnostic]);
      const disable = actions.find((action): action is CodeAction => action.title === `Disable vanishing-gradient for this ${scope}`);
      assert.ok(disable?.edit);
      await client.applyEdit(disable.edit);
      assert.match(client.text(uri), /gradient-doctor-disable/);
      assert.deepEqual((await pulledItems(client, uri)).filter((item) => item.code === 'vanishing-gradient'), []);
    });
  }

  it('reports nothing for a healthy model', async () => {
    await client.open(HEALTHY_URI, exampleText(HEALTHY_RELU));
    assert.deepEqual(await pulledItems(client, HEALTHY_URI), []);
  });
});

describe('language server over stdio: push diagnostics for a client without pull or configuration (issue 7)', function () {
  let client: TestClient;
  before(async function () {
    this.timeout(BUILD_TIMEOUT_MS); // the first start may build dist/
    client = await TestClient.start({ capabilities: PUSH_ONLY_CLIENT });
  });
  after(async () => client.stop());

  it('does not offer pull diagnostics', () => {
    assert.equal(client.initializeResult.capabilities.diagnosticProvider, undefined);
  });

  it('pushes diagnostics on open, and pushes them again (gone) after the preferred fix', async () => {
    await client.open(SICK_URI, exampleText(SICK_SIGMOID));
    const pushed = await client.pushedDiagnostics(SICK_URI, (diagnostics) => diagnostics.some((d) => d.code === 'vanishing-gradient'));
    const diagnostic = pushed.find((d) => d.code === 'vanishing-gradient')!;
    assert.equal(diagnostic.source, 'gradient-doctor');
    assert.equal(diagnostic.codeDescription?.href, ruleDocUrl('vanishing-gradient'));

    const fix = preferredFix(await client.codeActions(SICK_URI, diagnostic.range, [diagnostic]), 'vanishing-gradient');
    await client.applyEdit(fix.edit!);
    await client.pushedDiagnostics(SICK_URI, (diagnostics, version) => version === 2 && !diagnostics.some((d) => d.code === 'vanishing-gradient'));
  });

  it('clears the diagnostics of a closed document', async () => {
    await client.open('file:///workspace/closing.ts', exampleText(SICK_SIGMOID));
    await client.pushedDiagnostics('file:///workspace/closing.ts', (diagnostics) => diagnostics.length > 0);
    await client.close('file:///workspace/closing.ts');
    await client.pushedDiagnostics('file:///workspace/closing.ts', (diagnostics) => diagnostics.length === 0);
  });
});

describe('language server over stdio: a bare client declaring no capabilities at all', () => {
  it('gets pushed diagnostics and unversioned quick-fix edits that work', async function () {
    this.timeout(BUILD_TIMEOUT_MS);
    const client = await TestClient.start({ capabilities: {} });
    try {
      await client.open(SICK_URI, exampleText(SICK_SIGMOID));
      const diagnostic = (await client.pushedDiagnostics(SICK_URI, (items) => items.length > 0)).find((d) => d.code === 'vanishing-gradient')!;
      const fix = preferredFix(await client.codeActions(SICK_URI, diagnostic.range, [diagnostic]), 'vanishing-gradient');
      assert.equal(fix.edit?.documentChanges, undefined);
      assert.ok(fix.edit?.changes?.[SICK_URI]?.length);
      await client.applyEdit(fix.edit!);
      await client.pushedDiagnostics(SICK_URI, (items, version) => version === 2 && !items.some((d) => d.code === 'vanishing-gradient'));
    } finally {
      await client.stop();
    }
  });
});
