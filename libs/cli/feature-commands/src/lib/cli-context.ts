import type { Env } from '@oracle-ai/shared/util-env';

/** What a command may touch of the world; `apps/cli` builds it from `process`, tests from fakes. */
export interface CliContext {
  env: Env;
  /** What a script consumes: the token, the answer, JSON. Nothing else is ever written here. */
  stdout(text: string): void;
  /** Everything for the human: progress, notices, the one line of a failure. */
  stderr(text: string): void;
  /** Aborts on Ctrl-C. */
  signal: AbortSignal;
  openBrowser(url: URL): Promise<void>;
  /** The whole of standard input (for `ask -`). */
  readStdin(): Promise<string>;
  /** The session folder; by default from `XDG_CONFIG_HOME`. */
  sessionDirectory?: string;
}
