/**
 * The VS Code extension: starts the language server (dist/server.js) over IPC for TS/JS
 * documents, restarts it with backoff when it dies, shows its state in the status bar, runs the
 * "show documentation" command, and hands the client to the gradient-flow panel.
 */
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, State, TransportKind, type ErrorHandler, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { DOCS_BASE_URL } from '../../server/src/engine/findings';
import { SHOW_DOCUMENTATION_COMMAND, SHOW_FLOW_COMMAND, STATUS_NOTIFICATION, type InitializationOptions, type ServerStatus } from '../../server/src/engine/protocol';
import { SERVER_ENV, SERVER_NODE_ARGS } from '../../server/src/lsp/launchOptions';
import { registerPanel } from './panel';
import { RestartBackoff } from './restartBackoff';
import { SHOW_OUTPUT_COMMAND, StatusItem } from './statusItem';

const LANGUAGES = ['typescript', 'javascript', 'typescriptreact', 'javascriptreact'];
export const RESTART_SERVER_COMMAND = 'gradientDoctor.restartServer';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_ARGS], env: { ...process.env, ...SERVER_ENV } } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const status = new StatusItem();
  const backoff = new RestartBackoff();
  // Run here, not by the server: the documentation opens in the browser, the flow in the panel (registerPanel).
  const initializationOptions: InitializationOptions = { handledCommands: [SHOW_DOCUMENTATION_COMMAND, SHOW_FLOW_COMMAND] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    initializationOptions,
    // Hover cards link to the panel; no other command may run from the server's markdown.
    markdown: { isTrusted: { enabledCommands: [SHOW_FLOW_COMMAND] } },
    errorHandler: restartWithBackoff(backoff, status),
  };
  const languageClient = new LanguageClient('gradientDoctor', 'Gradient Doctor', serverOptions, clientOptions);
  client = languageClient;

  context.subscriptions.push(
    status,
    languageClient.onDidChangeState(({ newState }) => {
      if (newState === State.Running) {
        backoff.started();
        status.running();
      } else if (newState === State.Starting) {
        status.starting();
      }
    }),
    languageClient.onNotification(STATUS_NOTIFICATION, (serverStatus: ServerStatus) => status.analysed(serverStatus)),
    vscode.commands.registerCommand(SHOW_DOCUMENTATION_COMMAND, showDocumentation),
    vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => languageClient.outputChannel.show(true)),
    vscode.commands.registerCommand(RESTART_SERVER_COMMAND, () => {
      backoff.reset();
      return languageClient.restart();
    }),
  );
  registerPanel(context, languageClient);
  await languageClient.start();
}

export function deactivate(): Promise<void> | undefined {
  return client?.stop();
}

/** Only rule documentation pages are opened, whatever argument the command is given. */
async function showDocumentation(url: unknown): Promise<void> {
  if (typeof url !== 'string' || !url.startsWith(DOCS_BASE_URL)) return;
  await vscode.env.openExternal(vscode.Uri.parse(url));
}

function restartWithBackoff(backoff: RestartBackoff, status: StatusItem): ErrorHandler {
  return {
    // A broken message is the server's problem to survive; the connection stays up.
    error: () => ({ action: ErrorAction.Continue }),
    closed: async () => {
      const delay = backoff.nextDelay();
      if (delay === undefined) {
        const reason = 'the language server crashed repeatedly and was not restarted (run "Gradient Doctor: Restart Server")';
        status.stopped(reason);
        void vscode.window.showErrorMessage(`Gradient Doctor: ${reason}.`);
        return { action: CloseAction.DoNotRestart, handled: true };
      }
      status.restarting(delay);
      await new Promise((resolve) => setTimeout(resolve, delay));
      return { action: CloseAction.Restart, handled: true };
    },
  };
}
