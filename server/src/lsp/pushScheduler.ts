/**
 * Debounced push validation: each change restarts the document's timer, so a burst of
 * keystrokes costs one analysis, and a validation that was scheduled for an older version never
 * runs (the newer change cancelled its timer).
 */
export class PushScheduler {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly validate: (uri: string) => Promise<void>) {}

  schedule(uri: string, delayMs: number): void {
    this.cancel(uri);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.validate(uri);
      }, delayMs),
    );
  }

  cancel(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
  }
}
