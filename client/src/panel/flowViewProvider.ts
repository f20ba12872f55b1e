/**
 * The gradient-flow WebviewView: follows the active editor and the model under the cursor,
 * asks the server for the panel payload (`gradientDoctor/analysis`), relays it to the webview,
 * and carries out the two things the webview may ask for (reveal a range, apply a server fix).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ANALYSIS_REQUEST,
  type AnalysisRequestParams,
  type AnalysisResponse,
  type ExtensionToPanelMessage,
  type PositionedEdit,
  type Range,
} from '../../../server/src/engine/protocol';
import { modelIndexAt } from './modelAtCursor';
import { createNonce, panelHtml } from './panelHtml';
import { isServerFix, parsePanelMessage } from './webviewMessages';

export const PANEL_VIEW_ID = 'gradientDoctor.flowView';

const ANALYSED_LANGUAGES = new Set(['typescript', 'javascript', 'typescriptreact', 'javascriptreact']);
/** Typing pauses shorter than this do not trigger a new analysis. */
const TYPING_DEBOUNCE_MS = 400;

export class FlowViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  /** The document the panel belongs to: the last analysable editor the user was in. */
  private document: vscode.TextDocument | undefined;
  private response: AnalysisResponse | undefined;
  private modelIndex = 0;
  /** Set by `showFlow`: the model to show after the next analysis, whatever the cursor says. */
  private pinnedModelIndex: number | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** Incremented per request, so a slow answer to an older request never overwrites a newer one. */
  private requestGeneration = 0;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly client: LanguageClient,
  ) {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && this.follow(editor.document)) this.refreshSoon(0);
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === this.document && event.contentChanges.length > 0) this.refreshSoon(TYPING_DEBOUNCE_MS);
      }),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (event.textEditor.document === this.document) this.selectModelAt(event.selections[0].active);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document !== this.document) return;
        this.document = undefined;
        this.clear('The document was closed.');
      }),
    );
    const editor = vscode.window.activeTextEditor;
    if (editor) this.follow(editor.document);
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    view.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [media, dist] };
    view.webview.html = panelHtml({
      cspSource: view.webview.cspSource,
      scriptUri: view.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      styleUri: view.webview.asWebviewUri(vscode.Uri.joinPath(media, 'panel.css')).toString(),
      nonce: createNonce(),
    });
    view.webview.onDidReceiveMessage((message) => this.onMessage(message), undefined, this.disposables);
    view.onDidChangeVisibility(() => view.visible && this.refreshSoon(0), undefined, this.disposables);
    view.onDidDispose(() => (this.view = undefined), undefined, this.disposables);
    this.refreshSoon(0);
  }

  /** The CodeLens command: show the panel on `uri`, at model `modelIndex`. */
  async showFlow(uri?: vscode.Uri | string, modelIndex?: number): Promise<void> {
    if (uri !== undefined) {
      const parsed = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
      this.follow(await vscode.workspace.openTextDocument(parsed));
    }
    if (Number.isSafeInteger(modelIndex) && (modelIndex as number) >= 0) this.pinnedModelIndex = modelIndex;
    await vscode.commands.executeCommand(`${PANEL_VIEW_ID}.focus`);
    this.refreshSoon(0);
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    for (const disposable of this.disposables) disposable.dispose();
  }

  /** Makes `document` the panel's document if it is one we analyse; true when it changed. */
  private follow(document: vscode.TextDocument): boolean {
    if (!ANALYSED_LANGUAGES.has(document.languageId) || document === this.document) return false;
    this.document = document;
    this.response = undefined;
    this.modelIndex = 0;
    return true;
  }

  private refreshSoon(delayMs: number): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), delayMs);
  }

  private async refresh(): Promise<void> {
    if (!this.view?.visible) return;
    const document = this.document;
    if (!document) return this.clear('Open a TensorFlow.js model (TypeScript or JavaScript) to see its gradient flow.');
    const generation = ++this.requestGeneration;
    let response: AnalysisResponse;
    try {
      const params: AnalysisRequestParams = { uri: document.uri.toString() };
      response = await this.client.sendRequest<AnalysisResponse>(ANALYSIS_REQUEST, params);
    } catch (error) {
      if (generation === this.requestGeneration) this.clear(`The analysis failed: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (generation !== this.requestGeneration || document !== this.document) return;
    this.response = response;
    const cursor = vscode.window.activeTextEditor?.document === document ? vscode.window.activeTextEditor.selection.active : undefined;
    const underCursor = cursor && modelIndexAt(response, cursor);
    this.modelIndex = clampIndex(this.pinnedModelIndex ?? underCursor ?? this.modelIndex, response.models.length);
    this.pinnedModelIndex = undefined;
    this.post({ type: 'analysis', response, modelIndex: this.modelIndex });
  }

  private selectModelAt(position: vscode.Position): void {
    if (!this.response) return;
    const index = modelIndexAt(this.response, position);
    if (index === undefined || index === this.modelIndex) return;
    this.modelIndex = index;
    this.post({ type: 'selectModel', modelIndex: index });
  }

  private clear(reason: string): void {
    this.response = undefined;
    this.post({ type: 'empty', reason });
  }

  private post(message: ExtensionToPanelMessage): void {
    void this.view?.webview.postMessage(message);
  }

  private async onMessage(raw: unknown): Promise<void> {
    const message = parsePanelMessage(raw);
    if (!message) return;
    if (message.type === 'ready') {
      if (this.response) this.post({ type: 'analysis', response: this.response, modelIndex: this.modelIndex });
      else this.refreshSoon(0);
      return;
    }
    // Only the panel's own document, never another file the webview names.
    const document = this.document;
    if (!document || message.uri !== document.uri.toString()) return;
    if (message.type === 'reveal') await this.reveal(document, message.range);
    else await this.applyFix(document, message.version, message.edits);
  }

  private async reveal(document: vscode.TextDocument, range: Range): Promise<void> {
    const editor = await vscode.window.showTextDocument(document, { preserveFocus: false, preview: false });
    const target = document.validateRange(toVsRange(range));
    editor.selection = new vscode.Selection(target.start, target.end);
    editor.revealRange(target, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private async applyFix(document: vscode.TextDocument, version: number, edits: PositionedEdit[]): Promise<void> {
    const response = this.response;
    if (!response || version !== response.version || version !== document.version) {
      this.post({ type: 'fixResult', ok: false, message: 'The document changed since this fix was computed; the panel is updating.' });
      this.refreshSoon(0);
      return;
    }
    if (!isServerFix(response, edits)) {
      this.post({ type: 'fixResult', ok: false, message: 'Refused: that edit is not one the analysis proposed.' });
      return;
    }
    const workspaceEdit = new vscode.WorkspaceEdit();
    for (const edit of edits) workspaceEdit.replace(document.uri, toVsRange(edit.range), edit.newText);
    const applied = await vscode.workspace.applyEdit(workspaceEdit);
    this.post({ type: 'fixResult', ok: applied, message: applied ? 'Fix applied.' : 'VS Code could not apply the fix.' });
  }
}

function toVsRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

function clampIndex(index: number, length: number): number {
  return Math.max(0, Math.min(index, length - 1));
}
