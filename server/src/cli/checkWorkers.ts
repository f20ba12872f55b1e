/**
 * `check` on several threads, both sides. The main thread checks files itself and hands the others
 * (path, text, importers) to worker threads, which send back each file's FileOutcome; outcomes are
 * passed on in file order, so reports, stderr and the exit code are those of a run in one thread.
 * Each worker runs the CLI bundle itself, which serves requests instead of parsing argv when it
 * starts as a check worker (main.ts). The engine knows nothing of threads.
 */
import { readFileSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { checkFile, type FileOutcome, type FileToCheck } from './checkFile';

interface CheckRequest {
  index: number;
  file: FileToCheck;
}

interface CheckReply {
  index: number;
  outcome: FileOutcome;
}

const CHECK_WORKER = 'gradient-doctor check worker';

/** Files a worker holds at once: the next one is already queued when it finishes one, so it never waits for a round trip. */
const IN_FLIGHT = 2;

/**
 * V8's stack limit of the main thread (984 KB) plus the 192 KB node keeps for itself in a worker.
 * With a worker's default 4 MB, code nested 1,000-2,000 calls deep was analysed on workers and
 * "nested too deeply" in one thread: the outputs differed. (The exact depth also moves a little
 * with how much of the engine the JIT has optimized, in one thread as in several.)
 */
const MAIN_THREAD_STACK_MB = (984 + 192) / 1024;

export function isCheckWorker(): boolean {
  return !isMainThread && workerData === CHECK_WORKER;
}

export function serveCheckRequests(): void {
  const port = parentPort!;
  port.on('message', ({ index, file }: CheckRequest) => {
    const reply: CheckReply = { index, outcome: checkFile(file, (path) => readFileSync(path, 'utf8')) };
    port.postMessage(reply);
  });
}

/**
 * Checks `files` on `threads` threads: this one (with `checkHere`) and `threads - 1` workers running
 * `workerScript`, calling `onOutcome` once per file in the order of `files`. A worker that dies
 * costs only the file it was checking (reported as an error); the files it held next go back to
 * the queue and a new worker takes over. This thread works too: it has loaded the engine already,
 * and a worker more would load and warm up another copy.
 */
export function checkInThreads(
  files: readonly FileToCheck[],
  threads: number,
  workerScript: string,
  checkHere: (file: FileToCheck) => FileOutcome,
  onOutcome: (file: FileToCheck, outcome: FileOutcome) => void,
): Promise<void> {
  return new Promise((resolve) => {
    const queue = files.map((_, index) => index);
    const waiting: (FileOutcome | undefined)[] = [];
    let reported = 0;
    const settle = (index: number, outcome: FileOutcome): void => {
      waiting[index] = outcome;
      for (; reported < files.length && waiting[reported]; reported++) {
        onOutcome(files[reported], waiting[reported]!);
        waiting[reported] = undefined;
      }
      if (reported === files.length) resolve();
    };

    /** Starts a worker holding `initial` files; returns how to hand it one more. */
    const start = (initial: number): (() => void) => {
      const worker = new Worker(workerScript, { workerData: CHECK_WORKER, resourceLimits: { stackSizeMb: MAIN_THREAD_STACK_MB } });
      // Requests in the order sent: a worker answers them in that order, so the first is the one in progress.
      const held: number[] = [];
      const send = (): void => {
        const index = queue.shift();
        if (index === undefined) return;
        held.push(index);
        const request: CheckRequest = { index, file: files[index] };
        worker.postMessage(request);
      };
      const lose = (reason: string): void => {
        const [culprit, ...untouched] = held.splice(0);
        queue.unshift(...untouched);
        if (queue.length > 0) start(IN_FLIGHT);
        settle(culprit, { error: `worker thread stopped: ${reason}` });
      };
      worker.on('message', ({ index, outcome }: CheckReply) => {
        held.shift();
        send();
        if (held.length === 0) void worker.terminate();
        settle(index, outcome);
      });
      worker.on('error', (error) => lose(error.message));
      worker.on('exit', (code) => {
        if (held.length > 0) lose(`exit code ${code}`);
      });
      for (let i = 0; i < initial; i++) send();
      return send;
    };
    // One file each first, so that every worker has work even when there are few files.
    const sends = Array.from({ length: threads - 1 }, () => start(1));
    for (let round = 1; round < IN_FLIGHT; round++) for (const send of sends) send();
    // One file at a time here, letting the workers' replies in (and their next files out) between two.
    const checkNextHere = (): void => {
      const index = queue.shift();
      if (index === undefined) return;
      settle(index, checkHere(files[index]));
      setImmediate(checkNextHere);
    };
    checkNextHere();
  });
}
