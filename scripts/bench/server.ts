/**
 * The server as an editor meets it: dist/server.js over stdio in a fresh process, a 2,000-line
 * file opened, then keystrokes typed into it from the very first one, when the JIT has compiled
 * little beyond the open's analysis. Every keystroke is a sample: its latency runs from the
 * didChange to the diagnostics of that version, pulled right after the change (VS Code's way) or
 * pushed by the server, whose debounce is then part of the latency. The first keystrokes are also
 * reported on their own, since they are the slow ones when anything is.
 * Then 10,000 more edits check that memory stays bounded over a long session.
 */
import { performance } from 'node:perf_hooks';
import { generateModelFile } from './generate';
import { LspSession } from './lspSession';
import { median, percentile } from './measure';

export interface ServerRow {
  mode: 'pull' | 'push';
  edits: number;
  samples: number;
  /** didOpen to the first diagnostics, in the fresh process. */
  openMs: number;
  p50Ms: number;
  p95Ms: number;
  /** The first keystrokes after the open, on their own. */
  firstEdits: number;
  firstEditsP95Ms: number;
  /** Latency of each of the first keystrokes, in order. */
  firstEditsMs: number[];
  peakRssMb: number;
  longSessionEdits: number;
  rssAfterLongSessionMb: number;
  peakRssAfterLongSessionMb: number;
  /** RSS every 2,000 edits of the long session: flat when memory is bounded. */
  rssTrendMb: number[];
}

const KEYSTROKE_MS = 60;
const FIRST_EDITS = 20;
const TYPED = ', useBias: true';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Offsets just after `units: N` in the text, where typing a config property is natural. */
function typingSpots(text: string): number[] {
  const spots: number[] = [];
  for (const match of text.matchAll(/units: \d+/g)) spots.push(match.index! + match[0].length);
  return spots;
}

/**
 * Types `edits` keystrokes into the session's document at typing speed, a few property names in one
 * model then the next, and calls `afterBurst` after every `burst` keystrokes with the time the last
 * change was sent and the offset of the cursor.
 */
export async function typeBursts(
  session: LspSession,
  edits: number,
  burst: number,
  afterBurst: (sentAt: number, cursor: number) => Promise<void>,
): Promise<void> {
  let cursor = typingSpots(session.currentText)[0];
  let typed = 0;
  for (let edit = 0; edit < edits; edit++) {
    if (typed === TYPED.length) {
      // Next spot: move to another model, as a user does between fixes.
      const spots = typingSpots(session.currentText);
      cursor = spots[(edit * 31) % spots.length];
      typed = 0;
    }
    const sentAt = await session.insert(cursor, TYPED[typed]);
    cursor++;
    typed++;
    if ((edit + 1) % burst === 0) await afterBurst(sentAt, cursor);
    await sleep(KEYSTROKE_MS);
  }
}

export async function serverSession(mode: 'pull' | 'push', lines: number, edits: number, longSessionEdits: number): Promise<ServerRow> {
  const session = await LspSession.start('file:///bench/typing.ts', mode);
  try {
    const openedAt = performance.now();
    await session.open(generateModelFile(lines));
    await session.diagnostics(30_000);
    const openMs = performance.now() - openedAt;

    // Typing, from the first keystroke: each one waits for its own diagnostics.
    const latencies: number[] = [];
    await typeBursts(session, edits, 1, async (sentAt) => {
      await session.diagnostics();
      latencies.push(performance.now() - sentAt);
    });
    const typingMemory = session.memory();

    // A long session: many edits all over the file; diagnostics now and then force analyses.
    const spots = typingSpots(session.currentText);
    const rssTrendMb: number[] = [];
    for (let edit = 0; edit < longSessionEdits; edit++) {
      const spot = spots[(edit * 7919) % spots.length];
      await session.insert(spot, ' ');
      if ((edit + 1) % 50 === 0) await session.diagnostics();
      if ((edit + 1) % 2000 === 0) rssTrendMb.push(Math.round(session.memory().rssMb));
    }
    await session.diagnostics();
    const longMemory = session.memory();
    const firstEditsMs = latencies.slice(0, FIRST_EDITS);
    return {
      mode: session.mode,
      edits,
      samples: latencies.length,
      openMs,
      p50Ms: median(latencies),
      p95Ms: percentile(latencies, 95),
      firstEdits: firstEditsMs.length,
      firstEditsP95Ms: percentile(firstEditsMs, 95),
      firstEditsMs,
      peakRssMb: typingMemory.peakRssMb,
      longSessionEdits,
      rssAfterLongSessionMb: longMemory.rssMb,
      peakRssAfterLongSessionMb: longMemory.peakRssMb,
      rssTrendMb,
    };
  } finally {
    await session.stop();
  }
}
