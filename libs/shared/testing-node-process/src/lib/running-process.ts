/** A child process started by `startProcess` or `startNodeProcess`. */
export interface RunningProcess {
  readonly pid: number;
  /** Everything it printed so far, stdout and stderr interleaved (the last MiB of it). */
  output(): string;
  /** Resolves once it has exited and its output is complete: its exit code, `null` after a signal. */
  readonly exited: Promise<number | null>;
  isRunning(): boolean;
  /** SIGTERM, then SIGKILL when the grace period runs out; resolves like `exited`. */
  stop(): Promise<number | null>;
}
