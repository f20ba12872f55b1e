// The e2e scenario of test/e2e/run.js, through the `vscode` API in desktop VS Code: the
// extension activates, reports diagnostics on a sick example, its panel command runs, and the
// preferred quick fix removes the diagnostic it targets.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import scenario from '../../e2e/scenario.json';

const EXTENSION_ID = 'gradient-doctor.gradient-doctor';
const WAIT_MS = 60_000;

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' ? code.value : code);
}

function isTarget(diagnostic: vscode.Diagnostic): boolean {
  return diagnostic.source === scenario.source && codeOf(diagnostic) === scenario.rule;
}

async function waitForDiagnostics(
  uri: vscode.Uri,
  what: string,
  predicate: (diagnostics: vscode.Diagnostic[]) => boolean,
): Promise<vscode.Diagnostic[]> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const diagnostics = vscode.languages.getDiagnostics(uri);
    if (predicate(diagnostics)) return diagnostics;
    if (Date.now() > deadline) {
      const seen = diagnostics.map((d) => `${d.source}/${codeOf(d)}@${d.range.start.line + 1}`);
      assert.fail(`timed out after ${WAIT_MS / 1000}s waiting for ${what}; diagnostics: ${JSON.stringify(seen)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('Gradient Doctor in desktop VS Code', function () {
  let document: vscode.TextDocument;

  before(async function () {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'VS Code opened no workspace folder (the runner passes a copy of examples/)');
    document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, scenario.sickFile));
    await vscode.window.showTextDocument(document);
  });

  it('activates', async function () {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it(`reports ${scenario.rule} on ${scenario.sickFile}, every diagnostic with a rule code`, async function () {
    const diagnostics = await waitForDiagnostics(document.uri, `a ${scenario.rule} diagnostic`, (all) => all.some(isTarget));
    const ours = diagnostics.filter((d) => d.source === scenario.source);
    for (const diagnostic of ours) assert.match(codeOf(diagnostic), /^[a-z]+(-[a-z]+)+$/);
  });

  it(`reports ${scenario.javascriptRule} on ${scenario.javascriptFile} (JavaScript)`, async function () {
    const folder = vscode.workspace.workspaceFolders![0];
    const javascript = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, scenario.javascriptFile));
    await vscode.window.showTextDocument(javascript);
    await waitForDiagnostics(javascript.uri, `a ${scenario.javascriptRule} diagnostic`, (all) =>
      all.some((d) => d.source === scenario.source && codeOf(d) === scenario.javascriptRule),
    );
    await vscode.window.showTextDocument(document);
  });

  it('runs the panel command', async function () {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes(scenario.panelCommandId), `command ${scenario.panelCommandId} is not registered`);
    await vscode.commands.executeCommand(scenario.panelCommandId);
  });

  it(`applies the quick fix and ${scenario.rule} goes away`, async function () {
    const target = vscode.languages.getDiagnostics(document.uri).find(isTarget);
    assert.ok(target, `no ${scenario.rule} diagnostic to fix`);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      target.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const pattern = new RegExp(scenario.fixTitlePattern, 'i');
    const fix = actions.find((action) => pattern.test(action.title));
    assert.ok(fix, `no quick fix matching ${pattern}; offered: ${JSON.stringify(actions.map((a) => a.title))}`);
    if (fix.edit) assert.equal(await vscode.workspace.applyEdit(fix.edit), true, 'the fix edit was not applied');
    if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    await waitForDiagnostics(document.uri, `${scenario.rule} to disappear`, (all) => !all.some(isTarget));
    assert.match(document.getText(), new RegExp(scenario.fixedTextPattern));
  });
});
