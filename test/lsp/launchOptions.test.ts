/**
 * The server started the way VS Code's client starts it (server/src/lsp/launchOptions.ts: V8's
 * young generation capped, glibc's malloc arenas limited): it runs with those settings and
 * reports as it does without them.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentDiagnosticReportKind } from 'vscode-languageserver-protocol';
import { SERVER_ENV, SERVER_NODE_ARGS } from '../../server/src/lsp/launchOptions';
import { BUILD_TIMEOUT_MS, ensureBuilt, REPO_ROOT } from './helpers/ensureBuilt';
import { exampleText, SICK_SIGMOID } from './helpers/examples';
import { PULL_CLIENT, TestClient } from './helpers/testClient';

const URI = 'file:///workspace/deep-sigmoid-classifier.ts';

/** The process runs with the launch options' node flags and environment; returns its command line. */
function assertLaunchOptions(pid: string): string[] {
  const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  for (const flag of SERVER_NODE_ARGS) assert.ok(commandLine.includes(flag), `${flag} in ${commandLine.join(' ')}`);
  const environment = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
  for (const [name, value] of Object.entries(SERVER_ENV)) assert.ok(environment.includes(`${name}=${value}`), `${name}=${value}`);
  return commandLine;
}

describe('language server started with the launch options of the VS Code client', function () {
  let client: TestClient;
  before(async function () {
    this.timeout(BUILD_TIMEOUT_MS);
    client = await TestClient.start({ capabilities: PULL_CLIENT, launch: { nodeArgs: SERVER_NODE_ARGS, env: SERVER_ENV } });
  });
  after(async () => client.stop());

  it('runs with the node flags and environment it was given', () => {
    assertLaunchOptions(String(client.child!.pid!));
  });

  it('reports the sick model', async () => {
    await client.open(URI, exampleText(SICK_SIGMOID));
    const report = await client.pull(URI);
    assert.equal(report.kind, DocumentDiagnosticReportKind.Full);
    const codes = report.kind === DocumentDiagnosticReportKind.Full ? report.items.map((item) => item.code) : [];
    assert.ok(codes.includes('vanishing-gradient'), `got ${codes.join(', ')}`);
  });
});

describe('gradient-doctor-lsp (the stdio server for other editors) starts the server with the same launch options', function () {
  let client: TestClient;
  before(async function () {
    this.timeout(BUILD_TIMEOUT_MS);
    ensureBuilt('stdioServer.js');
    client = await TestClient.start({ capabilities: PULL_CLIENT, command: [join(REPO_ROOT, 'bin', 'gradient-doctor-lsp.js')] });
  });
  after(async () => client.stop());

  it('runs the server in a child node with the node flags and environment', () => {
    const launcher = client.child!.pid!;
    const [serverPid] = readFileSync(`/proc/${launcher}/task/${launcher}/children`, 'utf8').trim().split(/\s+/);
    assert.ok(serverPid, 'the launcher has a child process');
    const commandLine = assertLaunchOptions(serverPid);
    assert.ok(commandLine.some((arg) => arg.endsWith('server.js')), commandLine.join(' '));
    assert.ok(commandLine.includes('--stdio'));
  });

  it('answers over the launcher\'s stdio: reports the sick model', async () => {
    await client.open(URI, exampleText(SICK_SIGMOID));
    const report = await client.pull(URI);
    const codes = report.kind === DocumentDiagnosticReportKind.Full ? report.items.map((item) => item.code) : [];
    assert.ok(codes.includes('vanishing-gradient'), `got ${codes.join(', ')}`);
  });
});
