/**
 * The gradient-flow panel: a WebviewView in its own activity-bar container. The extension's
 * entry point calls `registerPanel` once; everything panel-related is registered from here.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SHOW_FLOW_COMMAND } from '../../../server/src/engine/protocol';
import { FlowViewProvider, PANEL_VIEW_ID } from './flowViewProvider';

export { PANEL_VIEW_ID };

export function registerPanel(context: vscode.ExtensionContext, client: LanguageClient): void {
  const provider = new FlowViewProvider(context.extensionUri, client);
  context.subscriptions.push(
    provider,
    vscode.window.registerWebviewViewProvider(PANEL_VIEW_ID, provider),
    vscode.commands.registerCommand('gradientDoctor.showPanel', () => provider.showFlow()),
    // Invoked by the CodeLens over each model with (uri, modelIndex).
    vscode.commands.registerCommand(SHOW_FLOW_COMMAND, (uri?: vscode.Uri | string, modelIndex?: number) =>
      provider.showFlow(uri, modelIndex),
    ),
  );
}
