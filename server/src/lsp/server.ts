/**
 * The language server: LSP wiring around the engine. VS Code runs it over IPC (dist/server.js),
 * other editors over stdio (`gradient-doctor lsp --stdio`). Diagnostics are pulled when the
 * client can pull and pushed (debounced) otherwise; every custom request and notification is
 * optional, and a client that answers no configuration gets the defaults.
 */
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  InlayHintRefreshRequest,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type AnalysisResult, type AnalyzeOptions } from '../engine/analyze';
import { DOCS_BASE_URL, findingsOfModel, type Finding } from '../engine/findings';
import { ModelCache } from '../engine/cache';
import { IncrementalParser } from '../engine/incrementalParser';
import { buildPanelPayload } from '../engine/panelPayload';
import {
  ANALYSIS_REQUEST,
  FIX_ALL_CODE_ACTION_KIND,
  SHOW_DOCUMENTATION_COMMAND,
  SHOW_FLOW_COMMAND,
  STATUS_NOTIFICATION,
  type AnalysisRequestParams,
  type AnalysisResponse,
  type ServerStatus,
} from '../engine/protocol';
import { DEFAULT_SETTINGS, type Settings } from '../engine/settings';
import { readClientFeatures, type ClientFeatures } from './clientFeatures';
import { codeActions } from './codeActions';
import { codeLenses, flowSummary } from './codeLens';
import { toDiagnostic } from './diagnostics';
import { DocumentAnalyses, type AnalysisOutcome, type Analyzer } from './documentAnalyses';
import { documentFileName } from './documentFileName';
import { limitHeapGrowth } from './heapGrowth';
import { hover, inlayHints, preferredFixesFileName } from './insights';
import { PushScheduler } from './pushScheduler';
import { SettingsStore } from './settingsStore';
import { WarmUp } from './warmUp';
import { workspaceFileReader } from './workspaceFiles';
import { WorkspaceImportIndex } from './workspaceImportIndex';

/**
 * Models whose flows and findings the open documents' analyses keep (the engine's default is 512):
 * a 2,000-line file holds ~70-110 models and a keystroke replaces one entry, so 256 still keeps
 * every model of two such files while they are edited in turn. Halving it took ~12 MB off the
 * resident memory after the bench's 10,000-edit session (entries that only old versions used).
 */
const MODEL_CACHE_CAPACITY = 256;

/** Quiet time after the last keystroke before a pushed validation runs. */
export const PUSH_DEBOUNCE_MS = 200;

export interface ServerOptions {
  /** Replaces the engine call (tests use it to make an analysis fail). */
  analyzer?: Analyzer;
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  limitHeapGrowth();
  const documents = new TextDocuments(TextDocument);
  const analyses = new DocumentAnalyses(options.analyzer ?? analyzeOpenDocument, reportAnalysis);
  const push = new PushScheduler(publishDiagnostics, prepareDiagnostics);
  const parser = new IncrementalParser();
  const modelCache = new ModelCache(MODEL_CACHE_CAPACITY);
  const warmUp = new WarmUp((uri, version) => documents.get(uri)?.version === version);
  /** Version at open or last save: what `run: onSave` validates. */
  const savedVersions = new Map<string, number>();
  let features: ClientFeatures;
  let settingsStore: SettingsStore;
  /** Which workspace files import which: a factory's file is analysed with its importers' calls. */
  const importIndex = new WorkspaceImportIndex(workspaceFileReader(documents, DEFAULT_SETTINGS.maxFileSize));
  let workspaceFolders: string[] = [];

  connection.onInitialize((params): InitializeResult => {
    features = readClientFeatures(params);
    workspaceFolders = (params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : [])).filter((uri) => uri.startsWith('file:')).map((uri) => fileURLToPath(uri));
    settingsStore = new SettingsStore(connection, features.configuration);
    // Commands VS Code runs itself; other editors send them here (workspace/executeCommand).
    const serverCommands = [SHOW_DOCUMENTATION_COMMAND, SHOW_FLOW_COMMAND].filter((command) => !features.handledCommands.has(command));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        diagnosticProvider: features.pullDiagnostics ? { interFileDependencies: false, workspaceDiagnostics: false } : undefined,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_CODE_ACTION_KIND] },
        codeLensProvider: { resolveProvider: false },
        inlayHintProvider: { resolveProvider: false },
        hoverProvider: true,
        executeCommandProvider: serverCommands.length > 0 ? { commands: serverCommands } : undefined,
      },
      serverInfo: { name: 'gradient-doctor' },
    };
  });

  connection.onInitialized(() => {
    if (features.configuration && features.configurationChangeRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'gradientDoctor' });
    }
    if (features.watchedFilesRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}' }] });
    }
    void importIndex.scan(workspaceFolders, DEFAULT_SETTINGS.maxFileSize).then(() => importersChanged((fileName) => importIndex.hasImporters(fileName)));
  });

  connection.onDidChangeConfiguration((change) => {
    settingsStore.changed(change.settings);
    if (features.pullDiagnostics) {
      if (features.diagnosticRefresh) connection.languages.diagnostics.refresh();
    } else {
      for (const document of documents.all()) push.schedule(document.uri, 0);
    }
    if (features.codeLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type);
    if (features.inlayHintRefresh) void connection.sendRequest(InlayHintRefreshRequest.type);
  });

  documents.onDidOpen(({ document }) => {
    savedVersions.set(document.uri, document.version);
    importIndex.update(fileNameOf(document), document.getText());
    if (!features.pullDiagnostics) push.schedule(document.uri, 0);
  });

  documents.onDidChangeContent(async ({ document }) => {
    // Indexed on every change (a text scan); the files it imports are analysed again on save.
    importIndex.update(fileNameOf(document), document.getText());
    if (features.pullDiagnostics || document.version === savedVersions.get(document.uri)) return;
    if ((await settingsStore.get(document.uri)).run === 'onType') push.schedule(document.uri, PUSH_DEBOUNCE_MS);
  });

  documents.onDidSave(({ document }) => {
    savedVersions.set(document.uri, document.version);
    importersChanged(importIndex.update(fileNameOf(document), document.getText()));
    if (features.pullDiagnostics) {
      if (features.diagnosticRefresh) connection.languages.diagnostics.refresh();
    } else {
      push.schedule(document.uri, 0);
    }
  });

  documents.onDidClose(({ document }) => {
    push.cancel(document.uri);
    analyses.forget(document.uri);
    const fileName = documentFileName(document.uri, document.languageId);
    parser.forget(fileName);
    parser.forget(preferredFixesFileName(fileName));
    settingsStore.forget(document.uri);
    savedVersions.delete(document.uri);
    if (!features.pullDiagnostics) void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    // Unsaved edits are gone: the file on disk is what imports it now.
    importersChanged(importIndex.update(fileName));
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    const changed = changes
      .filter((change) => change.uri.startsWith('file:') && !documents.get(change.uri))
      .map((change) => importIndex.update(fileURLToPath(change.uri)));
    importersChanged((fileName) => changed.some((affects) => affects(fileName)));
  });

  connection.languages.diagnostics.on(async (params, token) => {
    const uri = params.textDocument.uri;
    const settings = await settingsFor(uri);
    // Let queued messages run first: a didChange or $/cancelRequest right behind this pull makes it stale.
    await new Promise((resolve) => setImmediate(resolve));
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    const document = documents.get(uri);
    if (!document || !settings) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    // run: onSave keeps the last saved version's diagnostics while the document is being edited.
    if (settings.run === 'onSave' && params.previousResultId !== undefined && savedVersions.get(uri) !== document.version) {
      return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: params.previousResultId };
    }
    return { kind: DocumentDiagnosticReportKind.Full, resultId: String(document.version), items: diagnostics(document, settings) };
  });

  connection.onCodeAction(async (params) => {
    const settings = await settingsFor(params.textDocument.uri);
    const document = documents.get(params.textDocument.uri);
    if (!document || !settings) return [];
    return codeActions(params, { document, findings: findingsOf(analyses.get(document, settings)), versionedEdits: features.versionedEdits });
  });

  connection.onCodeLens(async (params) => {
    const settings = await settingsFor(params.textDocument.uri);
    const document = documents.get(params.textDocument.uri);
    if (!document || !settings) return [];
    const outcome = analyses.get(document, settings);
    return outcome.ok ? codeLenses(document, outcome.result) : [];
  });

  connection.languages.inlayHint.on(async (params) => {
    const settings = await settingsFor(params.textDocument.uri);
    const document = documents.get(params.textDocument.uri);
    if (!document || !settings) return [];
    const outcome = analyses.get(document, settings);
    return outcome.ok ? inlayHints(document, outcome.result, settings, params.range) : [];
  });

  connection.onHover(async (params) => {
    const settings = await settingsFor(params.textDocument.uri);
    const document = documents.get(params.textDocument.uri);
    if (!document || !settings) return null;
    const outcome = analyses.get(document, settings);
    if (!outcome.ok) return null;
    const fileName = documentFileName(document.uri, document.languageId);
    return hover(document, outcome.result, settings, document.offsetAt(params.position), {
      fileName,
      analyzeOptions: {
        readFile: readerFor(document, settings),
        importers: importersFor(document),
        parse: (name, text) => parser.parse(preferredFixesFileName(name), text),
      },
      panelCommand: features.handledCommands.has(SHOW_FLOW_COMMAND),
    });
  });

  connection.onRequest(ANALYSIS_REQUEST, async (params: AnalysisRequestParams): Promise<AnalysisResponse> => {
    const uri = params?.uri;
    const settings = typeof uri === 'string' ? await settingsFor(uri) : undefined;
    const document = typeof uri === 'string' ? documents.get(uri) : undefined;
    if (!document || !settings) throw new ResponseError(ErrorCodes.InvalidParams, `not an open document: ${String(uri)}`);
    return buildPanelPayload(document.getText(), document.uri, document.version, settings, {
      fileName: fileNameOf(document),
      analyzeOptions: { readFile: readerFor(document, settings), importers: importersFor(document) },
    });
  });

  connection.onExecuteCommand(async (params) => {
    const [first, second] = params.arguments ?? [];
    if (params.command === SHOW_DOCUMENTATION_COMMAND && typeof first === 'string' && first.startsWith(DOCS_BASE_URL)) {
      if (features.showDocument) await connection.window.showDocument({ uri: first, external: true });
      else showMessage(`Gradient Doctor documentation: ${first}`);
      return;
    }
    if (params.command === SHOW_FLOW_COMMAND && typeof first === 'string' && typeof second === 'number') {
      const settings = await settingsFor(first);
      const document = documents.get(first);
      const outcome = document && settings ? analyses.get(document, settings) : undefined;
      const model = outcome?.ok ? outcome.result.models[second] : undefined;
      if (outcome?.ok && model) {
        showMessage(flowSummary(model, findingsOfModel(outcome.result.findings, second)));
        return;
      }
    }
    throw new ResponseError(ErrorCodes.InvalidParams, `unknown command or arguments: ${params.command}`);
  });

  documents.listen(connection);
  connection.listen();
  warmUp.startOnSample();

  /** Settings of an open document; undefined (after logging) if even asking for them failed. */
  async function settingsFor(uri: string): Promise<Settings | undefined> {
    try {
      return await settingsStore.get(uri);
    } catch (error) {
      connection.console.error(`settings for ${uri}: ${describe(error)}`);
      return undefined;
    }
  }

  /** The engine on an open document; a saved file's imports are read from open documents or the disk. */
  function analyzeOpenDocument(document: TextDocument, settings: Settings): AnalysisResult {
    const text = document.getText();
    const result = analyzeText(document, settings, text);
    warmUp.noteActivity();
    warmUp.analysed(document.uri, document.version, text, result.models.length > 0, (edited) => analyzeText(document, settings, edited));
    return result;
  }

  function analyzeText(document: TextDocument, settings: Settings, text: string): AnalysisResult {
    return analyze(text, documentFileName(document.uri, document.languageId), settings, {
      readFile: readerFor(document, settings),
      importers: importersFor(document),
      parse: (fileName, source) => parser.parse(fileName, source),
      cache: modelCache,
    });
  }

  function fileNameOf(document: TextDocument): string {
    return documentFileName(document.uri, document.languageId);
  }

  function importersFor(document: TextDocument): AnalyzeOptions['importers'] {
    return document.uri.startsWith('file:') ? importIndex.importersOf(fileNameOf(document)) : undefined;
  }

  /** Open documents whose importers may have changed are analysed again (their calls are call sites). */
  function importersChanged(affects: (fileName: string) => boolean): void {
    const affected = documents.all().filter((document) => document.uri.startsWith('file:') && affects(fileNameOf(document)));
    if (affected.length === 0) return;
    for (const document of affected) analyses.forget(document.uri);
    if (!features.pullDiagnostics) for (const document of affected) push.schedule(document.uri, 0);
    else if (features.diagnosticRefresh) connection.languages.diagnostics.refresh();
  }

  function readerFor(document: TextDocument, settings: Settings): AnalyzeOptions['readFile'] {
    // An untitled buffer has no directory that its relative imports could be resolved against.
    return document.uri.startsWith('file:') ? workspaceFileReader(documents, settings.maxFileSize) : undefined;
  }

  /** A plain window/showMessage notification (the request variant needs client support for actions). */
  function showMessage(message: string): void {
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message });
  }

  function diagnostics(document: TextDocument, settings: Settings): Diagnostic[] {
    return findingsOf(analyses.get(document, settings)).map((finding) => toDiagnostic(document, finding));
  }

  async function publishDiagnostics(uri: string): Promise<void> {
    const settings = await settingsFor(uri);
    // Looked up after the await: a change that arrived meanwhile scheduled its own validation.
    const document = documents.get(uri);
    if (!document || !settings) return;
    await connection.sendDiagnostics({ uri, version: document.version, diagnostics: diagnostics(document, settings) });
  }

  /** Analyses the document's current version ahead of its push (the result is cached per version). */
  async function prepareDiagnostics(uri: string): Promise<void> {
    const settings = await settingsFor(uri);
    const document = documents.get(uri);
    if (document && settings) analyses.get(document, settings);
  }

  function reportAnalysis(uri: string, outcome: AnalysisOutcome): void {
    const status: ServerStatus = outcome.ok
      ? { state: 'ready', uri, lastAnalysisMs: outcome.ms, message: outcome.result.skipped ?? outcome.result.incomplete }
      : { state: 'error', uri, lastAnalysisMs: outcome.ms, message: `analysis failed: ${describe(outcome.error)}` };
    if (!outcome.ok) connection.console.error(`Gradient Doctor: analysis of ${uri} failed; its diagnostics are cleared.\n${stackOf(outcome.error)}`);
    void connection.sendNotification(STATUS_NOTIFICATION, status);
  }
}

/** A failed analysis yields no findings: the document's diagnostics are cleared, never left stale. */
function findingsOf(outcome: AnalysisOutcome): readonly Finding[] {
  return outcome.ok ? outcome.result.findings : [];
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function stackOf(error: unknown): string {
  return error instanceof Error && error.stack ? error.stack : String(error);
}
