/**
 * Inlay hints and hovers: the engine's layer hints and hover cards (engine/insights/) in LSP
 * terms. Both read the document's cached analysis; the only extra work, the model with its
 * preferred fixes for a hover's "‖∇W‖ with the preferred fix", is done on the first hover over
 * that model and kept with the analysis it belongs to, so it is never redone for the same version.
 */
import { InlayHintKind, MarkupKind, type Hover, type InlayHint, type Range } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisResult, AnalyzeOptions, ModelAnalysis } from '../engine/analyze';
import { findingsOfModel } from '../engine/findings';
import { hoverCard } from '../engine/insights/hoverCard';
import { layerHints } from '../engine/insights/inlayHints';
import { withPreferredFixes } from '../engine/preferredFixes';
import { SHOW_FLOW_COMMAND } from '../engine/protocol';
import type { Settings } from '../engine/settings';
import { spanToRange } from './diagnostics';

export function inlayHints(document: TextDocument, result: AnalysisResult, settings: Settings, range: Range): InlayHint[] {
  const within = { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
  return layerHints(result, settings, within).map((hint) => ({ position: document.positionAt(hint.offset), label: hint.label, tooltip: hint.tooltip, kind: InlayHintKind.Type, paddingLeft: true }));
}

export interface HoverContext {
  /** The file name the engine analysed the document under, and how it analyses a text. */
  fileName: string;
  analyzeOptions: AnalyzeOptions;
  /** The client runs SHOW_FLOW_COMMAND itself (VS Code opens the panel), so a command link works. */
  panelCommand: boolean;
}

/** Preferred-fix models per analysis: an analysis is one document version with one settings object. */
const fixedModels = new WeakMap<AnalysisResult, Map<number, ModelAnalysis | undefined>>();

/**
 * Time the hover may spend analysing the text with a model's preferred fixes. Past it the card
 * says so instead of the numbers and the analysis finishes in the background, with the document's
 * own budget, for the next hover of the same version: a hover never holds up typing.
 */
export const FIXED_MODEL_BUDGET_MS = 10;

/**
 * Above this size the hover does not even try: re-parsing the fixed text alone (which no budget
 * can interrupt) costs more than a hover may take, so the prediction goes to the background at once.
 */
export const FIXED_MODEL_SYNC_MAX_CHARS = 20_000;

/** A pause in typing long enough to spend on the background prediction. */
const BACKGROUND_DELAY_MS = 100;

/** Models whose completion is scheduled in the background, per analysis. */
const pending = new WeakMap<AnalysisResult, Set<number>>();

export function hover(document: TextDocument, result: AnalysisResult, settings: Settings, offset: number, context: HoverContext): Hover | null {
  const card = hoverCard(result, offset, settings, {
    fixedModel: (modelIndex) => fixedModel(document, result, settings, modelIndex, context),
    panelLink: context.panelCommand ? (modelIndex) => `command:${SHOW_FLOW_COMMAND}?${encodeURIComponent(JSON.stringify([document.uri, modelIndex]))}` : undefined,
  });
  return card ? { contents: { kind: MarkupKind.Markdown, value: card.markdown }, range: spanToRange(document, card.span) } : null;
}

function fixedModel(document: TextDocument, result: AnalysisResult, settings: Settings, modelIndex: number, context: HoverContext): ModelAnalysis | 'out of time' | undefined {
  let perModel = fixedModels.get(result);
  if (!perModel) fixedModels.set(result, (perModel = new Map()));
  if (perModel.has(modelIndex)) return perModel.get(modelIndex);
  const analysis = result.models[modelIndex];
  const findings = findingsOfModel(result.findings, modelIndex);
  const text = document.getText();
  const fixedOf = (budgetMs?: number) =>
    analysis && withPreferredFixes(text, context.fileName, settings, findings, analysis.model, modelIndex, { ...context.analyzeOptions, budgetMs });
  const fixed = text.length <= FIXED_MODEL_SYNC_MAX_CHARS ? fixedOf(FIXED_MODEL_BUDGET_MS) : 'out of time';
  if (fixed !== 'out of time') {
    perModel.set(modelIndex, fixed);
    return fixed;
  }
  const scheduled = pending.get(result) ?? new Set<number>();
  pending.set(result, scheduled);
  if (!scheduled.has(modelIndex)) {
    scheduled.add(modelIndex);
    const version = document.version;
    // After the hover's answer is written and once typing pauses; a newer version makes it moot.
    setTimeout(() => {
      scheduled.delete(modelIndex);
      if (document.version !== version || perModel.has(modelIndex)) return;
      const finished = fixedOf();
      if (finished !== 'out of time') perModel.set(modelIndex, finished);
    }, BACKGROUND_DELAY_MS);
  }
  return fixed;
}

/** The name under which the fixed text is parsed: its own incremental parse, beside the document's (same extension, same folder). */
export function preferredFixesFileName(fileName: string): string {
  return fileName.replace(/(\.[^./\\]+)?$/, (extension) => `.preferred-fixes${extension}`);
}
