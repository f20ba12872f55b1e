/**
 * Debounced push validation: each change restarts the document's timers, so a burst of
 * keystrokes costs one analysis, and a validation that was scheduled for an older version never
 * runs (the newer change cancelled its timers).
 * Halfway through the debounce the analysis is prepared (computed and cached for the document's
 * version), so when the debounce ends the diagnostics go out at once instead of an analysis later:
 * typing that pauses for half the debounce and resumes costs an analysis that nobody sees.
 */
export class PushScheduler {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>[]>();

  constructor(
    private readonly validate: (uri: string) => Promise<void>,
    private readonly prepare: (uri: string) => Promise<void>,
  ) {}

  schedule(uri: string, delayMs: number): void {
    this.cancel(uri);
    const timers = [
      setTimeout(() => {
        this.timers.delete(uri);
        void this.validate(uri);
      }, delayMs),
    ];
    if (delayMs > 0) timers.push(setTimeout(() => void this.prepare(uri), delayMs / 2));
    this.timers.set(uri, timers);
  }

  cancel(uri: string): void {
    for (const timer of this.timers.get(uri) ?? []) clearTimeout(timer);
    this.timers.delete(uri);
  }
}
