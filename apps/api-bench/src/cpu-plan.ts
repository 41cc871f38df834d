import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/**
 * Which core the server under test and the load generator run on: CPU 0 and CPU 1 when the
 * machine has two and `taskset` is there, else none (both float, and the report says so).
 */
export interface CpuPlan {
  pinned: boolean;
  serverCpu: number | undefined;
  loadCpu: number | undefined;
}

export function planCpus(): CpuPlan {
  const pinned = availableParallelism() >= 2 && hasCommand('taskset');
  if (!pinned) console.warn('api-bench: taskset or a 2nd CPU missing: server and load share cores');
  return { pinned, serverCpu: pinned ? 0 : undefined, loadCpu: pinned ? 1 : undefined };
}

export function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

type WrapCommand = (command: string, args: string[]) => [string, string[]];

/** Runs a command as `taskset -c <cpu> command ...` (taskset execs, so the pid is the command's). */
export function pinnedTo(cpu: number | undefined): WrapCommand | undefined {
  if (cpu === undefined) return undefined;
  return (command, args) => ['taskset', ['-c', String(cpu), command, ...args]];
}

/**
 * Moves this process — every thread, the GC's included — onto the load generator's CPU, so the
 * harness never competes with the server under test. Warns when taskset refuses.
 */
export function pinHarnessToLoadCpu({ loadCpu }: CpuPlan): void {
  if (loadCpu === undefined) return;
  const result = spawnSync('taskset', ['-a', '-p', '-c', String(loadCpu), String(process.pid)], {
    stdio: 'ignore',
  });
  if (result.status !== 0) console.warn(`api-bench: could not pin the harness to CPU ${loadCpu}`);
}
