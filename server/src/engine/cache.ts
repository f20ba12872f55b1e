/**
 * Per-model memo of the flow prediction and the rule findings, so that while the user types in
 * one model of a file, the other models are not predicted and checked again.
 *
 * What a model's flow and findings depend on, and therefore what must match for a hit:
 * - the text of the model's region: from the first to the last offset any span of its IR covers
 *   (training calls and optimizers defined apart from the model widen the region);
 * - the model's IR with every span taken relative to the model's region (values resolved from
 *   constants elsewhere in the file are in the IR, so they count);
 * - the import header (text up to `file.afterImports`), the tfjs import (or the global `tf`) and
 *   the file name, which decide how fixes write code;
 * - the settings.
 * The map key holds the strings among these, with the text of a part of the region found without
 * a walk (visibleHull). The IR is compared on lookup, by a walk that shifts spans (serializing
 * every model's IR on every keystroke cost more than the rest of the lookup), then the rest of the
 * region's text: once the IR is the same but moved, so is the region, the hull of its spans.
 * Finding the region takes a walk of its own: it is done only when an outcome is stored.
 * Rules see one model at a time and read the text only inside that model's spans and the header,
 * or ask whole-text questions through fixes/perFile.ts, whose answers are kept with the outcome and
 * must still hold for a hit; a finding with an offset anywhere else is not cached (it is
 * recomputed every time), so a rule that looks further still gets correct results, only slower.
 *
 * On a hit, offsets inside the region move with the region; header offsets stay where they are.
 */
import type { Finding } from './findings';
import type { FileIR, ModelIR, Span } from './ir';
import type { ConsultedAnswer } from './fixes/perFile';
import type { FlowPrediction } from './flow/prediction';

export interface ModelOutcome {
  flow: FlowPrediction;
  /** Findings of every enabled rule for this model, in rule order. */
  findings: Finding[];
  /** Whole-text questions the findings' fixes asked (fixes/perFile.ts): re-asked on every hit. */
  consulted: readonly ConsultedAnswer[];
}

interface Entry {
  outcome: ModelOutcome;
  /** The IR the outcome was computed for. */
  model: ModelIR;
  /** The model's region in the text the outcome was computed for. */
  region: Span;
  /** The region's text before and after the key's hull (usually empty). */
  before: string;
  after: string;
  /** Characters the entry holds in its key and region text (the cache's budget counts them). */
  chars: number;
}

/** A model's cache key, the IR it stands for, the text it is in and the part of it the key holds. */
export interface ModelKey {
  key: string;
  model: ModelIR;
  text: string;
  hull: Span;
}

/** What every model of one analysed text shares in its key: settings, file name, tfjs import, header. */
export function fileKey(text: string, file: FileIR, settingsKey: string): string {
  return [settingsKey, JSON.stringify([file.fileName, file.afterImports, file.tfjs ?? null, file.globalTf ?? false]), text.slice(0, file.afterImports)].join('\u0000');
}

export function modelKey(text: string, model: ModelIR, fileKeyText: string): ModelKey {
  const hull = visibleHull(model);
  // Variants of one definition share its text: the variant tells their entries apart.
  return { key: `${fileKeyText}\u0000${model.variant?.label ?? ''}\u0000${text.slice(hull.start, hull.end)}`, model, text, hull };
}

/**
 * From the first to the last offset of the model's call, its layers' calls, its optimizer and
 * its training calls: found without a walk, and enough to tell apart the models of a file (the
 * `tf.sequential()` call alone is the same in many, and generated files repeat layer stacks).
 */
function visibleHull(model: ModelIR): Span {
  const hull = { start: model.span.start, end: model.span.end };
  const cover = (span: Span) => {
    if (span.start < hull.start) hull.start = span.start;
    if (span.end > hull.end) hull.end = span.end;
  };
  for (const layer of model.layers) cover(layer.span);
  const training = model.training;
  if (training?.optimizer) cover(training.optimizer.span);
  for (const call of training?.calls ?? []) cover(call.span);
  return hull;
}

/**
 * A string that holds no other: a slice of the document would keep the whole text of that version
 * alive. Most are empty (the region is the hull) or short enough that V8 copies them anyway.
 */
function ownCopy(part: string): string {
  return part.length < 13 ? part : structuredClone(part);
}

/** From the first to the last offset any span of the model's IR covers. */
function regionOf(model: ModelIR): Span {
  const region = { start: model.span.start, end: model.span.end };
  widenToSpans(model, region);
  return region;
}

const isSpan = (value: object): value is Span =>
  typeof (value as Span).start === 'number' && typeof (value as Span).end === 'number';

/** Widens `region` to cover every span in `value`. */
function widenToSpans(value: unknown, region: Span): void {
  if (typeof value !== 'object' || value === null) return;
  if (isSpan(value)) {
    if (value.start < region.start) region.start = value.start;
    if (value.end > region.end) region.end = value.end;
  }
  for (const key in value) widenToSpans((value as Record<string, unknown>)[key], region);
}

/**
 * Whether `b` is `a` with every span moved by `delta` and nothing else changed: the same keys,
 * the same primitives (Object.is), the same array lengths. Runs for every model on every
 * keystroke, so it walks keys with for-in (no key arrays) and compares primitives in place.
 */
function sameMovedBy(a: unknown, b: unknown, delta: number): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameMovedBy(a[i], b[i], delta)) return false;
    return true;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const span = isSpan(a);
  let keys = 0;
  for (const key in left) {
    keys++;
    const l = left[key];
    const r = right[key];
    if (r === undefined && !(key in right)) return false;
    if (span && (key === 'start' || key === 'end')) {
      if (r !== (l as number) + delta) return false;
    } else if (typeof l !== 'object' || l === null) {
      if (!Object.is(l, r)) return false;
    } else if (!sameMovedBy(l, r, delta)) {
      return false;
    }
  }
  for (const _key in right) if (--keys < 0) return false;
  return keys === 0;
}

/** Every offset a finding carries: its span, related spans and fix edits. */
function offsetsOf(finding: Finding): number[] {
  const offsets = [finding.span.start, finding.span.end];
  for (const related of finding.related) offsets.push(related.span.start, related.span.end);
  for (const fix of finding.fixes) for (const edit of fix.edits) offsets.push(edit.start, edit.end);
  return offsets;
}

/** Whether moving the region moves every offset of these findings predictably. */
function relocatable(findings: Finding[], region: Span, afterImports: number): boolean {
  if (afterImports > region.start) return false;
  return findings.every((finding) =>
    offsetsOf(finding).every((offset) => offset <= afterImports || (offset >= region.start && offset <= region.end)),
  );
}

function shiftFinding(finding: Finding, from: number, delta: number): Finding {
  const move = (offset: number): number => (offset >= from ? offset + delta : offset);
  const moveSpan = (span: Span): Span => ({ ...span, start: move(span.start), end: move(span.end) });
  return {
    ...finding,
    span: moveSpan(finding.span),
    related: finding.related.map((related) => ({ ...related, span: moveSpan(related.span) })),
    fixes: finding.fixes.map((fix) => ({
      ...fix,
      edits: fix.edits.map((edit) => ({ ...edit, start: move(edit.start), end: move(edit.end) })),
    })),
  };
}

/**
 * A bounded LRU map from model keys to outcomes; memory stays flat over a long session. Bounded
 * in entries and in characters held: an entry holds the model's text (in its key) and its region's,
 * and pasted code with huge lines or models makes some entries large (an entry's IR and outcome
 * are of the order of its text).
 */
export class ModelCache {
  private readonly entries = new Map<string, Entry>();
  private heldChars = 0;
  /** Lookups answered from the cache, and lookups that were not (for the bench and tests). */
  hits = 0;
  misses = 0;

  constructor(
    private readonly capacity = 512,
    private readonly maxHeldChars = 4_000_000,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /**
   * The outcome for this key, its offsets moved to where the region now starts, if the text still
   * gives the answers it consulted (`stillAnswered`).
   */
  get(key: ModelKey, stillAnswered: (answers: readonly ConsultedAnswer[]) => boolean): ModelOutcome | undefined {
    const entry = this.entries.get(key.key);
    const delta = key.model.span.start - (entry?.model.span.start ?? 0);
    if (
      !entry ||
      !sameMovedBy(entry.model, key.model, delta) ||
      !key.text.startsWith(entry.before, entry.region.start + delta) ||
      // The IR matched moved by delta, so the hull (made of its spans) did too: key.hull is the entry's, moved.
      !key.text.startsWith(entry.after, key.hull.end) ||
      !stillAnswered(entry.outcome.consulted)
    ) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.entries.delete(key.key);
    this.entries.set(key.key, entry);
    if (delta === 0) return entry.outcome;
    return {
      flow: entry.outcome.flow,
      findings: entry.outcome.findings.map((finding) => shiftFinding(finding, entry.region.start, delta)),
      consulted: entry.outcome.consulted,
    };
  }

  /** Remembers an outcome unless a finding points outside the region and the header. */
  set(key: ModelKey, outcome: ModelOutcome, afterImports: number): void {
    const { hull, text } = key;
    const region = regionOf(key.model);
    const chars = key.key.length + (hull.start - region.start) + (region.end - hull.end);
    if (chars > this.maxHeldChars || !relocatable(outcome.findings, region, afterImports)) return;
    this.remove(key.key);
    const before = ownCopy(text.slice(region.start, hull.start));
    const after = ownCopy(text.slice(hull.end, region.end));
    this.entries.set(key.key, { outcome, model: key.model, region, before, after, chars });
    this.heldChars += chars;
    while (this.entries.size > this.capacity || this.heldChars > this.maxHeldChars) {
      this.remove(this.entries.keys().next().value as string);
    }
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (entry && this.entries.delete(key)) this.heldChars -= entry.chars;
  }

}
