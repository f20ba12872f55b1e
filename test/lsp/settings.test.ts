/**
 * Settings reach the analysis: per-document `workspace/configuration` answers (thresholds,
 * severities) change the diagnostics; a client without configuration support gets the defaults,
 * or whatever it pushes with didChangeConfiguration (issue 7, must-show 3).
 */
import assert from 'node:assert/strict';
import { DidChangeConfigurationNotification, DocumentDiagnosticReportKind, type ConfigurationItem } from 'vscode-languageserver-protocol';
import { exampleText, SICK_SIGMOID } from './helpers/examples';
import { BUILD_TIMEOUT_MS } from './helpers/ensureBuilt';
import { PULL_CLIENT, PUSH_ONLY_CLIENT, TestClient } from './helpers/testClient';

const STRICT_URI = 'file:///strict/model.ts';
const LENIENT_URI = 'file:///lenient/model.ts';

describe('language server over stdio: settings', function () {
  describe('a client answering workspace/configuration per resource', () => {
    let client: TestClient;
    const asked: ConfigurationItem[] = [];
    before(async function () {
    this.timeout(BUILD_TIMEOUT_MS); // the first start may build dist/
      client = await TestClient.start({
        capabilities: PULL_CLIENT,
        configuration: (item) => {
          asked.push(item);
          // Thresholds far below any real model's gradient ratio: nothing vanishes under /lenient.
          if (item.scopeUri?.startsWith('file:///lenient/')) return { thresholds: { vanishingRatio: 1e-30, vanishingAbsolute: 1e-30 } };
          return null; // the client has no settings: defaults apply
        },
      });
    });
    after(async () => client.stop());

    it('asks for the gradientDoctor section of each document and applies custom thresholds', async () => {
      await client.open(STRICT_URI, exampleText(SICK_SIGMOID));
      await client.open(LENIENT_URI, exampleText(SICK_SIGMOID));
      const strict = await client.pull(STRICT_URI);
      const lenient = await client.pull(LENIENT_URI);
      assert.ok(strict.kind === DocumentDiagnosticReportKind.Full && strict.items.some((d) => d.code === 'vanishing-gradient'));
      assert.ok(lenient.kind === DocumentDiagnosticReportKind.Full && !lenient.items.some((d) => d.code === 'vanishing-gradient'));
      assert.ok(asked.some((item) => item.section === 'gradientDoctor' && item.scopeUri === STRICT_URI));
      assert.ok(asked.some((item) => item.section === 'gradientDoctor' && item.scopeUri === LENIENT_URI));
    });
  });

  describe('a push-only client without workspace/configuration', () => {
    let client: TestClient;
    before(async function () {
    this.timeout(BUILD_TIMEOUT_MS); // the first start may build dist/
      client = await TestClient.start({ capabilities: PUSH_ONLY_CLIENT });
    });
    after(async () => client.stop());

    it('analyses with the default settings', async () => {
      await client.open(STRICT_URI, exampleText(SICK_SIGMOID));
      const diagnostics = await client.pushedDiagnostics(STRICT_URI, (items) => items.length > 0);
      assert.ok(diagnostics.some((d) => d.code === 'vanishing-gradient' && d.severity === 2), 'warning by default');
    });

    it('applies settings pushed with didChangeConfiguration', async () => {
      await client.connection.sendNotification(DidChangeConfigurationNotification.type, {
        settings: { gradientDoctor: { severity: { 'vanishing-gradient': 'error' } } },
      });
      await client.pushedDiagnostics(STRICT_URI, (items) => items.some((d) => d.code === 'vanishing-gradient' && d.severity === 1));
      await client.connection.sendNotification(DidChangeConfigurationNotification.type, {
        settings: { gradientDoctor: { severity: { 'vanishing-gradient': 'off' } } },
      });
      await client.pushedDiagnostics(STRICT_URI, (items) => !items.some((d) => d.code === 'vanishing-gradient'));
    });
  });
});
