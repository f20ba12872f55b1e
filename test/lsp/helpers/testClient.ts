/**
 * A real LSP client for tests: spawns `node dist/server.js --stdio` and talks JSON-RPC to it
 * over the child's stdio, as Neovim or Helix would. What the client claims to support (pull
 * diagnostics, configuration, ...) is chosen per test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  ConfigurationRequest,
  DocumentDiagnosticRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowDocumentRequest,
  ShowMessageNotification,
  ShutdownRequest,
  ExitNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type CodeAction,
  type Command,
  type DocumentDiagnosticReport,
  type Range,
  type WorkspaceEdit,
  type ConfigurationItem,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { STATUS_NOTIFICATION, type ServerStatus } from '../../../server/src/engine/protocol';
import { ensureBuilt } from './ensureBuilt';

export interface TestClientOptions {
  capabilities: ClientCapabilities;
  /** Answers workspace/configuration (only asked when capabilities.workspace.configuration). */
  configuration?: (item: ConfigurationItem) => unknown;
  initializationOptions?: unknown;
  /** The workspace folder, as a file URI (none by default). */
  rootUri?: string;
  /** Node flags and environment for the server process (none: node dist/server.js --stdio). */
  launch?: { nodeArgs: readonly string[]; env: Readonly<Record<string, string>> };
  /** A command that starts the server itself instead (the gradient-doctor-lsp bin, say). */
  command?: readonly string[];
}

/** Capabilities of a modern client (VS Code-like): pull diagnostics, configuration, versioned edits. */
export const PULL_CLIENT: ClientCapabilities = {
  textDocument: {
    synchronization: { didSave: true },
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, isPreferredSupport: true },
    codeLens: {},
  },
  workspace: { configuration: true, workspaceEdit: { documentChanges: true } },
};

/** A minimal client: push diagnostics only, no workspace/configuration. */
export const PUSH_ONLY_CLIENT: ClientCapabilities = {
  textDocument: { publishDiagnostics: { relatedInformation: true }, codeAction: {} },
  workspace: { workspaceEdit: { documentChanges: true } },
};

export class TestClient {
  readonly logs: string[] = [];
  /** `gradientDoctor/status` notifications received. */
  readonly statuses: ServerStatus[] = [];
  /** window/showMessage texts received. */
  readonly messages: string[] = [];
  /** URIs the server asked the client to show (window/showDocument). */
  readonly shownDocuments: string[] = [];
  /** The client's copy of each open document, kept in sync with what it sent. */
  readonly documents = new Map<string, TextDocument>();
  private readonly published = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: Array<() => void> = [];
  private constructor(
    readonly connection: ProtocolConnection,
    /** The server process; undefined for a server running in this process (see connect). */
    readonly child: ChildProcess | undefined,
    readonly initializeResult: InitializeResult,
  ) {}

  /** Starts the built server as a separate process and initializes it over its stdio. */
  static async start(options: TestClientOptions): Promise<TestClient> {
    const command = options.command ?? [...(options.launch?.nodeArgs ?? []), ensureBuilt('server.js'), '--stdio'];
    const child = spawn(process.execPath, command, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...options.launch?.env },
    });
    child.stderr!.on('data', () => undefined); // drained; the server logs through LSP
    return TestClient.connect(child.stdout!, child.stdin!, options, child);
  }

  /** Initializes a server listening on the other ends of these streams. */
  static async connect(fromServer: Readable, toServer: Writable, options: TestClientOptions, child?: ChildProcess): Promise<TestClient> {
    const connection = createProtocolConnection(new StreamMessageReader(fromServer), new StreamMessageWriter(toServer));
    const pending: { client?: TestClient } = {};
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => pending.client?.record(params));
    connection.onNotification(LogMessageNotification.type, (params) => pending.client?.logs.push(params.message));
    connection.onNotification(ShowMessageNotification.type, (params) => pending.client?.messages.push(params.message));
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => options.configuration?.(item) ?? null));
    connection.onRequest(RegistrationRequest.type, () => null);
    connection.onNotification(STATUS_NOTIFICATION, (status: ServerStatus) => pending.client?.statuses.push(status));
    connection.onRequest(ShowDocumentRequest.type, (params) => {
      pending.client?.shownDocuments.push(params.uri);
      return { success: true };
    });
    connection.listen();
    const result = await connection.sendRequest(InitializeRequest.type, {
      // A server in this process must not watch our pid: its watchdog timer would keep mocha alive.
      processId: child ? process.pid : null,
      rootUri: options.rootUri ?? null,
      capabilities: options.capabilities,
      initializationOptions: options.initializationOptions,
    });
    const client = new TestClient(connection, child, result);
    pending.client = client;
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  async open(uri: string, text: string, languageId = 'typescript'): Promise<void> {
    this.documents.set(uri, TextDocument.create(uri, languageId, 1, text));
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Sends the next version of the document as incremental changes (applied in order, as LSP says). */
  async change(uri: string, contentChanges: TextDocumentContentChangeEvent[]): Promise<number> {
    const document = this.document(uri);
    const version = document.version + 1;
    this.documents.set(uri, TextDocument.update(document, contentChanges, version));
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
    return version;
  }

  /**
   * Applies a WorkspaceEdit as an editor does: refused unless it names the current version, then
   * sent as incremental changes, last edit first so that earlier positions stay valid.
   */
  async applyEdit(edit: WorkspaceEdit): Promise<void> {
    for (const change of edit.documentChanges ?? []) {
      if (!('textDocument' in change)) throw new Error('unexpected resource operation');
      const document = this.document(change.textDocument.uri);
      if (change.textDocument.version !== document.version) {
        throw new Error(`stale edit for version ${change.textDocument.version}, document is at ${document.version}`);
      }
      await this.applyTextEdits(document.uri, change.edits);
    }
    // Unversioned edits, for clients that cannot take documentChanges.
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) await this.applyTextEdits(uri, edits);
  }

  private async applyTextEdits(uri: string, edits: TextEdit[]): Promise<void> {
    const ordered = edits.map((textEdit, index) => ({ textEdit, index }));
    ordered.sort((a, b) => compareRange(b.textEdit.range, a.textEdit.range) || b.index - a.index);
    await this.change(
      uri,
      ordered.map(({ textEdit }) => ({ range: textEdit.range, text: textEdit.newText })),
    );
  }

  text(uri: string): string {
    return this.document(uri).getText();
  }

  async pull(uri: string): Promise<DocumentDiagnosticReport> {
    return this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
  }

  async codeActions(uri: string, range: Range, diagnostics: Diagnostic[] = [], only?: string[]): Promise<(CodeAction | Command)[]> {
    return (await this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, only } })) ?? [];
  }

  async save(uri: string): Promise<void> {
    await this.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Resolves with the first pushed diagnostics for `uri` (already received or future) that satisfy `accept`. */
  async pushedDiagnostics(uri: string, accept: (diagnostics: Diagnostic[], version?: number) => boolean = () => true, timeoutMs = 15000): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const params = this.published.get(uri);
      if (params && accept(params.diagnostics, params.version)) return params.diagnostics;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`no matching diagnostics pushed for ${uri}; last: ${JSON.stringify(params?.diagnostics)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Whether any diagnostics were pushed for `uri` at all. */
  hasPushed(uri: string): boolean {
    return this.published.has(uri);
  }

  async stop(): Promise<void> {
    if (this.child && this.child.exitCode === null) {
      await this.connection.sendRequest(ShutdownRequest.type).catch(() => undefined);
      await this.connection.sendNotification(ExitNotification.type).catch(() => undefined);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.child!.kill();
          resolve();
        }, 2000);
        this.child!.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    this.connection.dispose();
  }

  private document(uri: string): TextDocument {
    const document = this.documents.get(uri);
    if (!document) throw new Error(`not open: ${uri}`);
    return document;
  }

  private record(params: PublishDiagnosticsParams): void {
    this.published.set(params.uri, params);
    for (const wake of this.waiters.splice(0)) wake();
  }
}

function compareRange(a: Range, b: Range): number {
  return a.start.line - b.start.line || a.start.character - b.start.character;
}
