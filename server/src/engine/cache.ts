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
 * The strings among these form the map key; the IR is compared on lookup, by a walk that shifts
 * spans (serializing every model's IR on every keystroke cost more than the rest of the lookup).
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
  /** Where the model's region started in the text the outcome was computed for. */
  regionStart: number;
}

/** A model's cache key, the region it was computed for and the IR it stands for. */
export interface ModelKey {
  key: string;
  region: Span;
  model: ModelIR;
}

/** What every model of one analysed text shares in its key: settings, file name, tfjs import, header. */
export function fileKey(text: string, file: FileIR, settingsKey: string): string {
  return [settingsKey, JSON.stringify([file.fileName, file.afterImports, file.tfjs ?? null, file.globalTf ?? false]), text.slice(0, file.afterImports)].join('\u0000');
}

export function modelKey(text: string, model: ModelIR, fileKeyText: string): ModelKey {
  const region = { start: model.span.start, end: model.span.end };
  widenToSpans(model, region);
  // Variants of one definition share its text: the variant tells their entries apart.
  return { key: `${fileKeyText}\u0000${model.variant?.label ?? ''}\u0000${text.slice(region.start, region.end)}`, region, model };
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
 * in entries and in key characters: a key holds the model's text, and pasted code with huge
 * lines or models makes some keys large (an entry's IR and outcome are of the order of its key).
 */
export class ModelCache {
  private readonly entries = new Map<string, Entry>();
  private keyChars = 0;
  /** Lookups answered from the cache, and lookups that were not (for the bench and tests). */
  hits = 0;
  misses = 0;

  constructor(
    private readonly capacity = 512,
    private readonly maxKeyChars = 4_000_000,
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
    const delta = key.region.start - (entry?.regionStart ?? 0);
    if (!entry || !sameMovedBy(entry.model, key.model, delta) || !stillAnswered(entry.outcome.consulted)) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.entries.delete(key.key);
    this.entries.set(key.key, entry);
    if (delta === 0) return entry.outcome;
    return {
      flow: entry.outcome.flow,
      findings: entry.outcome.findings.map((finding) => shiftFinding(finding, entry.regionStart, delta)),
      consulted: entry.outcome.consulted,
    };
  }

  /** Remembers an outcome unless a finding points outside the region and the header. */
  set(key: ModelKey, outcome: ModelOutcome, afterImports: number): void {
    if (key.key.length > this.maxKeyChars || !relocatable(outcome.findings, key.region, afterImports)) return;
    this.remove(key.key);
    this.entries.set(key.key, { outcome, model: key.model, regionStart: key.region.start });
    this.keyChars += key.key.length;
    while (this.entries.size > this.capacity || this.keyChars > this.maxKeyChars) {
      this.remove(this.entries.keys().next().value as string);
    }
  }

  private remove(key: string): void {
    if (this.entries.delete(key)) this.keyChars -= key.length;
  }

}
