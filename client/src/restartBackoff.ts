/**
 * When the language server dies, restart it after 1 s, 2 s, 4 s, ... (capped), and give up after
 * too many crashes in a row; a server that stayed up for a while starts the count afresh. Pure,
 * so it is tested without VS Code.
 */
export interface BackoffOptions {
  initialDelayMs: number;
  maxDelayMs: number;
  /** Consecutive crashes after which no restart is attempted. */
  maxRestarts: number;
  /** A server that ran at least this long before dying counts as healthy: the count resets. */
  healthyAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialDelayMs: 1000, maxDelayMs: 30_000, maxRestarts: 8, healthyAfterMs: 180_000 };

export class RestartBackoff {
  private crashes = 0;
  private startedAt: number;

  constructor(
    private readonly options: BackoffOptions = DEFAULT_BACKOFF,
    private readonly now: () => number = Date.now,
  ) {
    this.startedAt = now();
  }

  /** The server is running (again). */
  started(): void {
    this.startedAt = this.now();
  }

  /** The user restarted the server by hand: forget earlier crashes. */
  reset(): void {
    this.crashes = 0;
  }

  /** The server died: milliseconds to wait before restarting it, or undefined to stop trying. */
  nextDelay(): number | undefined {
    if (this.now() - this.startedAt >= this.options.healthyAfterMs) this.crashes = 0;
    this.crashes++;
    if (this.crashes > this.options.maxRestarts) return undefined;
    return Math.min(this.options.maxDelayMs, this.options.initialDelayMs * 2 ** (this.crashes - 1));
  }
}
