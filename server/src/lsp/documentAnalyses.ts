/**
 * One analysis per document version and settings, shared by diagnostics, code actions and
 * CodeLens (they all ask about the same text within milliseconds). An exception thrown by the
 * engine is caught here and becomes a `failed` outcome: the server logs it, clears that
 * document's diagnostics and keeps serving.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisResult } from '../engine/analyze';
import type { Settings } from '../engine/settings';

export type AnalysisOutcome =
  | { ok: true; result: AnalysisResult; ms: number }
  | { ok: false; error: unknown; ms: number };

interface Entry {
  version: number;
  settings: Settings;
  outcome: AnalysisOutcome;
}

/** The engine call, replaceable in tests (to make an analysis throw). */
export type Analyzer = (document: TextDocument, settings: Settings) => AnalysisResult;

export class DocumentAnalyses {
  private readonly entries = new Map<string, Entry>();

  /** `onAnalysed` runs after every fresh (not memoized) analysis: logging and status. */
  constructor(
    private readonly analyzer: Analyzer,
    private readonly onAnalysed: (uri: string, outcome: AnalysisOutcome) => void,
  ) {}

  get(document: TextDocument, settings: Settings): AnalysisOutcome {
    const entry = this.entries.get(document.uri);
    if (entry && entry.version === document.version && entry.settings === settings) return entry.outcome;
    const outcome = this.analyzeSafely(document, settings);
    this.entries.set(document.uri, { version: document.version, settings, outcome });
    this.onAnalysed(document.uri, outcome);
    return outcome;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }

  private analyzeSafely(document: TextDocument, settings: Settings): AnalysisOutcome {
    const started = performance.now();
    try {
      return { ok: true, result: this.analyzer(document, settings), ms: performance.now() - started };
    } catch (error) {
      return { ok: false, error, ms: performance.now() - started };
    }
  }
}
