import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

/** `npx nx build cli`; the integration target builds it first. */
export const BUILT_CLI = resolve(__dirname, '../../../../dist/apps/cli/main.js');

export interface CliResult {
  /** Exit status; null when ended by a signal. */
  status: number | null;
  stdout: string;
  stderr: string;
}

/** A running `oracle-ai` (e.g. `login`, waiting for the browser). */
export interface RunningCli {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the match once stderr matches `pattern`; fails after `timeoutMs` or on exit. */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  readonly result: Promise<CliResult>;
}

/**
 * Starts the built command line as a user would run it: its own environment (`env` is all of it,
 * plus PATH), stdout and stderr kept apart. Nothing outlives the test: `result` is awaited or the
 * child killed by {@link killAll}.
 */
export function startCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  stdin?: string,
): RunningCli {
  const child = spawn(process.execPath, [BUILT_CLI, ...args], {
    env: { PATH: process.env['PATH'], ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    waiters.forEach((wake) => wake());
  });
  child.stdin.end(stdin);
  const result = new Promise<CliResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (status) => {
      running.delete(child);
      waiters.forEach((wake) => wake());
      resolve({ status, stdout, stderr });
    });
  });
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    result,
    waitForStderr(pattern, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(stderr);
          if (match) done(() => resolve(match));
          else if (child.exitCode !== null || child.signalCode !== null) {
            done(() =>
              reject(new Error(`oracle-ai exited before printing ${pattern}:\n${stderr}`)),
            );
          }
        };
        const timer = setTimeout(
          () =>
            done(() =>
              reject(new Error(`no ${pattern} on stderr within ${timeoutMs} ms:\n${stderr}`)),
            ),
          timeoutMs,
        );
        const done = (settle: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          settle();
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** Runs the built command line to its end. */
export function runCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  stdin?: string,
): Promise<CliResult> {
  return startCli(args, env, stdin).result;
}

const running = new Set<ChildProcess>();

/** Kills every command line still running (afterAll, so a failed test leaves nothing behind). */
export function killAll(): void {
  running.forEach((child) => child.kill('SIGKILL'));
}

/** The authorization URL `login --no-browser` prints on stderr. */
export const AUTHORIZATION_URL = /^ {2}(http\S+)$/m;
