/**
 * The gradient-flow panel: a WebviewView in its own activity-bar container. The extension's
 * entry point calls `registerPanel` once; everything panel-related is registered from here.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export const PANEL_VIEW_ID = 'gradientDoctor.flowView';

export function registerPanel(context: vscode.ExtensionContext, _client: LanguageClient): void {
  const provider: vscode.WebviewViewProvider = {
    resolveWebviewView(view) {
      view.webview.options = { enableScripts: false, localResourceRoots: [] };
      view.webview.html = '<!DOCTYPE html><html><body>Gradient Doctor panel: loading…</body></html>';
    },
  };
  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider(PANEL_VIEW_ID, provider),
    vscode.commands.registerCommand('gradientDoctor.showPanel', () =>
      vscode.commands.executeCommand(`${PANEL_VIEW_ID}.focus`),
    ),
    vscode.commands.registerCommand('gradientDoctor.showFlow', () =>
      vscode.commands.executeCommand(`${PANEL_VIEW_ID}.focus`),
    ),
  );
}
