/** What the CLI touches of the outside world, passed in so that tests call main() without a process. */
export interface CliIo {
  stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  /** All of standard input as text (for --password-stdin); absent where there is none. */
  readStdin?: () => Promise<string>;
  /** Called by long-running commands (serve) to wait for SIGINT/SIGTERM; tests resolve it themselves. */
  untilSignal?: () => Promise<string>;
}

/** A mistake in what the user typed: printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
