/**
 * What a CLI command may touch, passed in so that tests can run commands in-process and capture
 * their output. Every subcommand (check, fix, simulate) has the shape
 * `(argv: string[], io: CliIO) => Promise<number>` returning its exit code.
 */
export interface CliIO {
  /** Writes to standard output exactly as given (no newline added). */
  stdout(text: string): void;
  /** Writes to standard error exactly as given (no newline added). */
  stderr(text: string): void;
  /** Reads a UTF-8 text file; throws (like fs.readFileSync) when it cannot. */
  readFile(path: string): string;
  /** Writes a UTF-8 text file (needed by `fix`; commands that never write leave it out). */
  writeFile?(path: string, text: string): void;
  /**
   * The script worker threads run to check files beside this one (the CLI bundle itself, see checkWorkers.ts).
   * Without it `check` checks every file in this thread with `readFile`, whatever --concurrency says.
   */
  workerScript?: string;
}

/** Exit codes of DESIGN section 7. */
export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** A command-line mistake: reported on stderr with exit code 2, never as a stack trace. */
export class UsageError extends Error {}
