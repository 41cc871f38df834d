import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ProcessStartError } from './process-start-error';
import { waitUntilReady, type Readiness } from './readiness';
import type { RunningProcess } from './running-process';

export interface StartProcessOptions {
  /** Names the process in errors, e.g. `API`; defaults to the command (or script). */
  name?: string;
  /** The child's whole environment; defaults to this process's. */
  env?: NodeJS.ProcessEnv;
  /** Resolve only once this holds; without it, as soon as the process is spawned. */
  readyWhen?: Readiness;
  /** Default 20 s. */
  readyTimeoutMs?: number;
  /** Pause between readiness probes; default 50 ms. */
  pollIntervalMs?: number;
  /** Between SIGTERM and SIGKILL in `stop()`; default 5 s. */
  stopGraceMs?: number;
  /**
   * Runs the command through another program, e.g. `taskset -c 0` to pin it to a CPU. That
   * program must exec the command, so that `pid` and the signals are the command's own.
   */
  wrapCommand?: (command: string, args: string[]) => [string, string[]];
}

export interface StartNodeProcessOptions extends StartProcessOptions {
  /** The built script to run with this Node binary, e.g. `dist/apps/api/main.js`. */
  main: string;
  args?: string[];
  /** Named in the error when `main` is missing, e.g. `npx nx build api`. */
  buildCommand?: string;
}

const OUTPUT_LIMIT = 1024 * 1024;

/** Every child started here that has not closed yet, for `killStartedProcesses`. */
const started = new Set<ChildProcess>();

/** Runs a built Node script (`node <main> ...args`) as a child process, as production would. */
export async function startNodeProcess({
  main,
  args = [],
  buildCommand,
  ...options
}: StartNodeProcessOptions): Promise<RunningProcess> {
  if (!existsSync(main)) {
    const hint = buildCommand === undefined ? '' : `: run \`${buildCommand}\` first`;
    throw new ProcessStartError('ERR_PROCESS_MAIN_MISSING', `${main} is missing${hint}`);
  }
  return startProcess(process.execPath, [main, ...args], { name: main, ...options });
}

/**
 * Spawns `command`, keeps its output, and resolves once it is ready. When it exits first or is
 * not ready in time it is stopped and a `ProcessStartError` carries its output.
 */
export async function startProcess(
  command: string,
  args: string[],
  options: StartProcessOptions = {},
): Promise<RunningProcess> {
  const { name = command, env = process.env, readyWhen, wrapCommand } = options;
  const [file, argv] = wrapCommand ? wrapCommand(command, args) : [command, args];
  const child = spawn(file, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  started.add(child);
  let output = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => (output = (output + chunk).slice(-OUTPUT_LIMIT)));
  }
  let spawnError: Error | undefined;
  // 'close', not 'exit': only then has all of its output been read.
  const exited = new Promise<number | null>((resolve) => {
    child.once('error', (error) => {
      spawnError ??= error;
      // A child that never spawned may emit no 'close'.
      if (child.pid === undefined) {
        started.delete(child);
        resolve(null);
      }
    });
    child.once('close', (code) => {
      started.delete(child);
      resolve(code);
    });
  });
  if (child.pid === undefined) {
    await exited;
    throw new ProcessStartError(
      'ERR_PROCESS_SPAWN_FAILED',
      `${name} could not be started: ${spawnError?.message ?? 'no pid'}`,
    );
  }

  const stopGraceMs = options.stopGraceMs ?? 5_000;
  const running: RunningProcess = {
    pid: child.pid,
    output: () => output,
    exited,
    isRunning: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      if (running.isRunning()) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), stopGraceMs);
        await exited;
        clearTimeout(killer);
      }
      return exited;
    },
  };
  if (readyWhen !== undefined) {
    try {
      await waitUntilReady(running, readyWhen, {
        name,
        timeoutMs: options.readyTimeoutMs ?? 20_000,
        intervalMs: options.pollIntervalMs ?? 50,
      });
    } catch (error) {
      await running.stop();
      throw error;
    }
  }
  return running;
}

/**
 * SIGKILL to every process started here that is still running. Synchronous, so that an `exit`
 * or signal handler can leave nothing behind.
 */
export function killStartedProcesses(): void {
  for (const child of started) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}
