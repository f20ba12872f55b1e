/**
 * Warm-up while the server is idle. Until V8 has run the re-analysis path often enough to compile
 * it, the first keystrokes after a file opens analysed several times slower than later ones (in a
 * fresh server, 2,000 lines: the first keystroke ~120 ms of CPU, the next ones ~50, later ~15).
 * Two things cut it (measured in the same process, interleaved; see the README's "Performance"):
 * - at start, typing into a built-in sample (warmUpSample.ts) through a parser and model cache of
 *   its own, one small analysis per macrotask and only while no document was analysed for 100 ms
 *   (typing right after the open, the steps still queued made the first keystrokes wait: under
 *   load the first one answered 150-250 ms later than without a warm-up); alone: first keystroke
 *   ~75 ms of CPU;
 * - after a document's first analysis, typing a line break into its middle and undoing it, through
 *   the document's own parser and the shared model cache: the paths of an edit on that tree and
 *   of cache hits on its models run once before the user's first keystroke (with the sample:
 *   ~30 ms). Done for the first documents only: once compiled, the code stays compiled.
 * Nothing is published; after the undo the parser holds the document's text again.
 */
import { analyze } from '../engine/analyze';
import { ModelCache } from '../engine/cache';
import { IncrementalParser } from '../engine/incrementalParser';
import { DEFAULT_SETTINGS } from '../engine/settings';
import { WARM_UP_SAMPLE } from './warmUpSample';

const SAMPLE_FILE_NAME = '/gradient-doctor/warm-up.ts';
/** Keystrokes typed into the sample: ~300 ms of CPU; more helped no further within the noise. */
const SAMPLE_KEYSTROKES = 100;
/** Typed after a `units: N`, as a user adds a config property; then the next layer's turn. */
const TYPED = ', useBias: true';
/** Quiet time after a document's analysis before warming up: a user about to type is not kept waiting. */
const QUIET_MS = 100;
/** Documents that get the type-and-undo after their first analysis. */
const WARMED_DOCUMENTS = 2;

export class WarmUp {
  private documentsWarmed = 0;
  private lastActivity = -Infinity;
  private readonly seen = new Set<string>();

  /** `isCurrent` says whether a document still has the version that was analysed. */
  constructor(private readonly isCurrent: (uri: string, version: number) => boolean) {}

  /** Types into the built-in sample, a keystroke per macrotask. */
  startOnSample(keystrokes = SAMPLE_KEYSTROKES): void {
    const parser = new IncrementalParser(1);
    const options = { cache: new ModelCache(), parse: (fileName: string, text: string) => parser.parse(fileName, text) };
    let text = WARM_UP_SAMPLE;
    let cursor = 0;
    let typed = TYPED.length;
    let layer = 0;
    let left = keystrokes;
    const step = (): void => {
      // Real work goes first: while documents are being analysed, wait for a quiet moment.
      const quietFor = performance.now() - this.lastActivity;
      if (quietFor < QUIET_MS) {
        setTimeout(step, QUIET_MS - quietFor);
        return;
      }
      if (!attempt(() => analyze(text, SAMPLE_FILE_NAME, DEFAULT_SETTINGS, options)) || left-- === 0) return;
      if (typed === TYPED.length) {
        const spots = [...text.matchAll(/units: \w+/g)].map((match) => match.index! + match[0].length);
        cursor = spots[layer++ % spots.length];
        typed = 0;
      }
      text = text.slice(0, cursor) + TYPED[typed++] + text.slice(cursor++);
      setImmediate(step);
    };
    setImmediate(step);
  }

  /** A document's analysis just ended: the warm-up waits until QUIET_MS have passed without one. */
  noteActivity(): void {
    this.lastActivity = performance.now();
  }

  /**
   * After a document's analysis: the first one of the first few documents gets a type-and-undo.
   * `analyzeText` analyses a text as that document's next version would be (its parser, settings
   * and imports).
   */
  analysed(uri: string, version: number, text: string, foundModels: boolean, analyzeText: (text: string) => void): void {
    if (this.seen.has(uri) || !foundModels || this.documentsWarmed >= WARMED_DOCUMENTS) return;
    this.seen.add(uri);
    this.documentsWarmed++;
    const lineStart = text.indexOf('\n', text.length >> 1) + 1;
    const typedInto = `${text.slice(0, lineStart)}\n${text.slice(lineStart)}`;
    setTimeout(() => {
      // A real keystroke that came first does the warming: no need to spend more, nor make it wait.
      if (!this.isCurrent(uri, version) || !attempt(() => analyzeText(typedInto))) return;
      setImmediate(() => {
        // The undo puts the document's own text back into its parser (a newer version would too).
        if (this.isCurrent(uri, version)) attempt(() => analyzeText(text));
      });
    }, QUIET_MS);
  }
}

/** A warm-up is only an optimisation: whatever went wrong, the real analyses will report it. */
function attempt(work: () => void): boolean {
  try {
    work();
    return true;
  } catch {
    return false;
  }
}
