/**
 * Per-model memo of the flow prediction and the rule findings, so that while the user types in
 * one model of a file, the other models are not predicted and checked again.
 *
 * What a model's flow and findings depend on, and therefore what the key holds:
 * - the model's IR with every span made relative to the model's region (values resolved from
 *   constants elsewhere in the file are in the IR, so they count);
 * - the text of the model's region: from the first to the last offset any span of its IR covers
 *   (training calls and optimizers defined apart from the model widen the region);
 * - the import header (text up to `file.afterImports`), the tfjs import and the file name, which
 *   decide how fixes write code;
 * - the settings.
 * Rules see one model at a time and read the text only inside that model's spans and the header;
 * a finding with an offset anywhere else is not cached (it is recomputed every time), so a rule
 * that looks further still gets correct results, only slower.
 *
 * On a hit, offsets inside the region move with the region; header offsets stay where they are.
 */
import type { Finding } from './findings';
import type { FileIR, ModelIR, Span } from './ir';
import type { FlowPrediction } from './flow/prediction';

export interface ModelOutcome {
  flow: FlowPrediction;
  /** Findings of every enabled rule for this model, in rule order. */
  findings: Finding[];
}

interface Entry {
  outcome: ModelOutcome;
  /** Where the model's region started in the text the outcome was computed for. */
  regionStart: number;
}

/** A cache key and the region it was computed for. */
export interface ModelKey {
  key: string;
  region: Span;
}

/**
 * Spans as JSON.stringify writes them. Found in the serialized IR rather than by walking it
 * (several times faster, and this runs for every model on every keystroke). A string value
 * cannot fake one: inside a JSON string every quote is escaped.
 */
const SPAN_IN_JSON = /"start":(\d+),"end":(\d+)/g;

export function modelKey(text: string, file: FileIR, model: ModelIR, settingsKey: string): ModelKey {
  // Offsets relative to the model's own span, which moves with the region; the region is
  // gathered in the same pass. An exec loop rather than String.replace with a callback: this
  // rewrites thousands of spans per keystroke, and the callback costs more than the matching.
  const anchor = model.span.start;
  const region = { start: model.span.start, end: model.span.end };
  const ir = JSON.stringify(model);
  let relativeIr = '';
  let copied = 0;
  SPAN_IN_JSON.lastIndex = 0;
  for (let match = SPAN_IN_JSON.exec(ir); match; match = SPAN_IN_JSON.exec(ir)) {
    const start = Number(match[1]);
    const end = Number(match[2]);
    if (start < region.start) region.start = start;
    if (end > region.end) region.end = end;
    relativeIr += `${ir.slice(copied, match.index)}"start":${start - anchor},"end":${end - anchor}`;
    copied = SPAN_IN_JSON.lastIndex;
  }
  relativeIr += ir.slice(copied);
  const fileContext = JSON.stringify([file.fileName, file.afterImports, file.tfjs ?? null]);
  const key = [settingsKey, fileContext, text.slice(0, file.afterImports), text.slice(region.start, region.end), relativeIr].join('\u0000');
  return { key, region };
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
 * in entries and in key characters: a key holds the model's text and IR, and pasted code with
 * huge lines or models makes some keys large (an outcome is of the order of its key).
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

  /** The outcome for this key, its offsets moved to where the region now starts. */
  get(key: ModelKey): ModelOutcome | undefined {
    const entry = this.entries.get(key.key);
    if (!entry) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.entries.delete(key.key);
    this.entries.set(key.key, entry);
    const delta = key.region.start - entry.regionStart;
    if (delta === 0) return entry.outcome;
    return {
      flow: entry.outcome.flow,
      findings: entry.outcome.findings.map((finding) => shiftFinding(finding, entry.regionStart, delta)),
    };
  }

  /** Remembers an outcome unless a finding points outside the region and the header. */
  set(key: ModelKey, outcome: ModelOutcome, afterImports: number): void {
    if (key.key.length > this.maxKeyChars || !relocatable(outcome.findings, key.region, afterImports)) return;
    this.remove(key.key);
    this.entries.set(key.key, { outcome, regionStart: key.region.start });
    this.keyChars += key.key.length;
    while (this.entries.size > this.capacity || this.keyChars > this.maxKeyChars) {
      this.remove(this.entries.keys().next().value as string);
    }
  }

  private remove(key: string): void {
    if (this.entries.delete(key)) this.keyChars -= key.length;
  }

}
