/**
 * Inlay hints and hovers while typing, as VS Code asks for them: after each burst of keystrokes in
 * the 2,000-line file the diagnostics are pulled (the analysis of the new version), then the hints
 * of the visible lines around the cursor and a hover over the layer call being edited are requested.
 * Each request's own answer time is measured; the hover is the worst case, since the edited model's
 * preferred fixes are re-analysed for the card's "with the preferred fix" numbers on every version.
 */
import { generateModelFile } from './generate';
import { LspSession } from './lspSession';
import { median, percentile } from './measure';
import { typeBursts } from './server';

export interface InsightsRow {
  bursts: number;
  hintsP50Ms: number;
  hintsP95Ms: number;
  /** Hints returned per request, on average (they are only in models with findings, by default). */
  hintsPerRequest: number;
  hoverP50Ms: number;
  hoverP95Ms: number;
  /** Share of hovers that answered with a card. */
  hoverCardRate: number;
}

/** Keystrokes between two rounds of requests. */
const BURST = 5;
/** Lines an editor shows around the cursor. */
const VISIBLE_LINES = 60;

export async function insightsSession(lines: number, edits: number): Promise<InsightsRow> {
  const session = await LspSession.start('file:///bench/insights.ts', 'pull');
  try {
    await session.open(generateModelFile(lines));
    await session.diagnostics(30_000);
    const hints: number[] = [];
    const hovers: number[] = [];
    let hintCount = 0;
    let cards = 0;
    await typeBursts(session, edits, BURST, async (_sentAt, cursor) => {
      await session.diagnostics();
      const line = session.positionAt(cursor).line;
      const range = { start: { line: Math.max(0, line - VISIBLE_LINES / 2), character: 0 }, end: { line: line + VISIBLE_LINES / 2, character: 0 } };
      const hinted = await session.timedRequest('textDocument/inlayHint', { range });
      hints.push(hinted.ms);
      hintCount += Array.isArray(hinted.result) ? hinted.result.length : 0;
      // The `dense` of the layer call the cursor is in.
      const call = session.currentText.lastIndexOf('tf.layers.dense(', cursor) + 'tf.layers.d'.length;
      const hovered = await session.timedRequest('textDocument/hover', { position: session.positionAt(call) });
      hovers.push(hovered.ms);
      if (hovered.result) cards++;
    });
    return {
      bursts: hints.length,
      hintsP50Ms: median(hints),
      hintsP95Ms: percentile(hints, 95),
      hintsPerRequest: hintCount / hints.length,
      hoverP50Ms: median(hovers),
      hoverP95Ms: percentile(hovers, 95),
      hoverCardRate: cards / hovers.length,
    };
  } finally {
    await session.stop();
  }
}
