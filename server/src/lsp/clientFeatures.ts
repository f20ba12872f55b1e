/** What the connected client can do, read once from `initialize`; everything optional defaults to "cannot". */
import type { InitializeParams } from 'vscode-languageserver/node';
import type { InitializationOptions } from '../engine/protocol';

export interface ClientFeatures {
  /** textDocument/diagnostic (pull); otherwise the server pushes publishDiagnostics. */
  pullDiagnostics: boolean;
  /** workspace/diagnostic/refresh: the client re-pulls after a settings change. */
  diagnosticRefresh: boolean;
  /** workspace/codeLens/refresh. */
  codeLensRefresh: boolean;
  /** workspace/inlayHint/refresh: the client asks for hints again after a settings change. */
  inlayHintRefresh: boolean;
  /** workspace/configuration; otherwise settings come from didChangeConfiguration or the defaults. */
  configuration: boolean;
  /** The client accepts a dynamic registration for didChangeConfiguration (needed to hear about changes). */
  configurationChangeRegistration: boolean;
  /** The client accepts a dynamic registration of file watchers (workspace/didChangeWatchedFiles). */
  watchedFilesRegistration: boolean;
  /** WorkspaceEdit.documentChanges, which carry the document version an edit was computed for. */
  versionedEdits: boolean;
  /** window/showDocument with external URLs. */
  showDocument: boolean;
  /** Commands the client runs itself (see InitializationOptions). */
  handledCommands: ReadonlySet<string>;
}

export function readClientFeatures(params: InitializeParams): ClientFeatures {
  const capabilities = params.capabilities;
  const options = (params.initializationOptions ?? {}) as InitializationOptions;
  const handled = Array.isArray(options.handledCommands) ? options.handledCommands.filter((c) => typeof c === 'string') : [];
  return {
    pullDiagnostics: capabilities.textDocument?.diagnostic !== undefined,
    diagnosticRefresh: capabilities.workspace?.diagnostics?.refreshSupport === true,
    codeLensRefresh: capabilities.workspace?.codeLens?.refreshSupport === true,
    inlayHintRefresh: capabilities.workspace?.inlayHint?.refreshSupport === true,
    configuration: capabilities.workspace?.configuration === true,
    configurationChangeRegistration: capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    watchedFilesRegistration: capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    versionedEdits: capabilities.workspace?.workspaceEdit?.documentChanges === true,
    showDocument: capabilities.window?.showDocument?.support === true,
    handledCommands: new Set(handled),
  };
}
