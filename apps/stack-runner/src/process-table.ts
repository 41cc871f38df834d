import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** One process of the system, as far as the runner needs to know it. */
export interface ProcessEntry {
  pid: number;
  ppid: number;
  /**
   * When it started, as the system tells it: with `pid`, names one process for good, so that a
   * number reused by an unrelated process after the first one ended is never signalled.
   */
  startedAt: string;
  /** Ended, not yet reaped by its parent: nothing left to stop. */
  zombie: boolean;
}

/** Every process of the system: from `/proc` on Linux, from `ps` elsewhere (macOS). */
export function readProcessTable(): ProcessEntry[] {
  return process.platform === 'linux' ? readProcFs() : readPs();
}

/** `/proc/<pid>/stat`: the command name may hold spaces and parentheses, so fields count from its last `)`. */
export function readProcFs(root = '/proc'): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const name of readdirSync(root)) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`${root}/${name}/stat`, 'utf8');
    } catch {
      continue; // ended while the table was read
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    entries.push({
      pid: Number(name),
      ppid: Number(fields[1]),
      // Field 22 of stat (the 20th after the name): clock ticks from boot to the process's start.
      startedAt: fields[19],
      zombie: fields[0] === 'Z',
    });
  }
  return entries;
}

/** POSIX `ps`; `lstart` is the start time to the second. */
export function readPs(): ProcessEntry[] {
  const ps = spawnSync('ps', ['-A', '-o', 'pid=,ppid=,stat=,lstart='], { encoding: 'utf8' });
  if (ps.status !== 0) throw new Error(`ps failed: ${ps.error?.message ?? ps.stderr.trim()}`);
  return ps.stdout.split('\n').flatMap((line) => {
    const match = /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.+?)\s*$/.exec(line);
    if (match === null) return [];
    const [, pid, ppid, state, startedAt] = match;
    return [{ pid: Number(pid), ppid: Number(ppid), startedAt, zombie: state.startsWith('Z') }];
  });
}

/**
 * The processes whose environment holds `name=value` (Linux: `/proc/<pid>/environ`, as the process
 * was started; elsewhere none). Environment is inherited: a marker set for a stack is carried by
 * every process it starts, even one that left the tree before anyone saw it in it. A process that
 * rewrites its own environment area (nginx, for its process titles) no longer shows it.
 */
export function processesCarrying(name: string, value: string, root = '/proc'): number[] {
  if (process.platform !== 'linux') return [];
  const marker = `${name}=${value}`;
  const pids: number[] = [];
  for (const entry of readdirSync(root)) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environ = readFileSync(`${root}/${entry}/environ`, 'latin1');
      if (environ.split('\0').includes(marker)) pids.push(Number(entry));
    } catch {
      // ended meanwhile, or another user's
    }
  }
  return pids;
}
