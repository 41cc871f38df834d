import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Descendants } from './descendants';
import { relayOutput, say } from './output-relay';
import { processesCarrying, readProcessTable, type ProcessEntry } from './process-table';

export interface RunStackOptions {
  command: string;
  args: string[];
  /** From the stop signal to SIGKILL for whatever still runs. */
  stopGraceMs: number;
  env?: NodeJS.ProcessEnv;
  /** How often the descendants are looked up while the stack runs. */
  watchIntervalMs?: number;
  readTable?: () => ProcessEntry[];
}

/** Set in the stack's environment, so that its processes can be found outside the tree too. */
export const STACK_MARKER = 'ORACLE_AI_STACK_RUN';

/** Signals that stop the stack: Ctrl-C, a terminal closing, a process manager, Ctrl-\. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const;
/** A repeat within this is the same stop delivered twice (by the terminal and by npm), not a hurry. */
const SAME_STOP_MS = 1_000;
/** After SIGKILL, how long a process may take to disappear before the runner gives up on it. */
const KILL_WAIT_MS = 5_000;

/**
 * Runs a stack's command (`nx run-many -t serve …`) and makes every process it starts end with
 * it, however the runner is stopped and whoever reads its output. Task runners start servers in
 * sessions of their own, out of reach of a signal to the caller's process group, and may die
 * first — a closed output pipe is enough — leaving the servers to init. So the runner keeps
 * track of every descendant while the stack runs (`Descendants`), marks the stack's environment
 * (`STACK_MARKER`) to find those that left the tree before it saw them, and, on a stop signal or
 * when the command ends, sends each one SIGTERM, waits up to `stopGraceMs` and SIGKILLs the rest.
 * A second signal at least a second after the first kills at once. Resolves to the exit code:
 * the command's own when it ended by itself, else 0 after a clean stop and 1 when a process had
 * to be killed.
 */
export async function runStack(options: RunStackOptions): Promise<number> {
  const readTable = options.readTable ?? readProcessTable;
  const descendants = new Descendants(process.pid, readTable);
  // Read once before anything starts: a system whose table cannot be read stops nothing later.
  descendants.refresh();
  const run = randomUUID();
  const child = spawn(options.command, options.args, {
    env: { ...(options.env ?? process.env), [STACK_MARKER]: run },
    // Input as it comes (a terminal's, a harness's); output through the runner (relayOutput).
    stdio: ['inherit', 'pipe', 'pipe'],
  });
  relayOutput(child.stdout, process.stdout);
  relayOutput(child.stderr, process.stderr);
  const closed = new Promise<number>((resolve) => {
    child.once('error', (error) => {
      say(`cannot run ${options.command}: ${error.message}`);
      resolve(1);
    });
    child.once('close', (code) => resolve(code ?? 1));
  });

  let stopRequestedAt: number | undefined;
  let hurry = false;
  const stopped = new Promise<void>((resolve) => {
    for (const signal of STOP_SIGNALS) {
      process.on(signal, () => {
        if (stopRequestedAt === undefined) {
          stopRequestedAt = Date.now();
          resolve();
        } else if (Date.now() - stopRequestedAt >= SAME_STOP_MS) {
          hurry = true;
        }
      });
    }
  });

  const watcher = setInterval(() => {
    try {
      descendants.refresh();
    } catch {
      // A table read that failed once (a process gone mid-read): the next tick reads again.
    }
  }, options.watchIntervalMs ?? 500);
  const ended = await Promise.race([
    closed.then((code) => ({ by: 'command' as const, code })),
    stopped.then(() => ({ by: 'signal' as const, code: 0 })),
  ]);
  clearInterval(watcher);

  const marked = () => processesCarrying(STACK_MARKER, run);
  const killed = await stopAll(descendants, marked, options.stopGraceMs, () => hurry);
  if (killed.length > 0) {
    say(`killed ${killed.length} process(es) still running after the stop: ${killed.join(', ')}`);
  }
  if (ended.by === 'command') return ended.code;
  await Promise.race([closed, sleep(1_000)]);
  return killed.length > 0 ? 1 : 0;
}

/**
 * SIGTERM (with SIGCONT, for a stopped one) to every descendant and every process carrying the
 * stack's marker, new ones included as they appear, then SIGKILL to those left at the grace or at
 * a hurry. The pids that had to be killed.
 */
async function stopAll(
  descendants: Descendants,
  marked: () => number[],
  graceMs: number,
  hurry: () => boolean,
): Promise<number[]> {
  const deadline = Date.now() + graceMs;
  const terminated = new Set<number>();
  const killed = new Set<number>();
  for (;;) {
    const live = descendants.refresh(marked());
    if (live.length === 0) return [...killed];
    for (const pid of live) {
      if (terminated.has(pid)) continue;
      signal(pid, 'SIGTERM');
      signal(pid, 'SIGCONT');
      terminated.add(pid);
    }
    if (Date.now() >= deadline || hurry()) {
      if (Date.now() >= deadline + KILL_WAIT_MS) {
        say(`cannot stop ${live.join(', ')}`);
        return [...killed];
      }
      for (const pid of live) {
        if (!killed.has(pid)) signal(pid, 'SIGKILL');
        killed.add(pid);
      }
    }
    await sleep(50);
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Ended meanwhile (ESRCH), or not ours to signal (EPERM): nothing more to do.
  }
}
