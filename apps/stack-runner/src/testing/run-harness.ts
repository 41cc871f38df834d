import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A command started as a harness starts one: its own process group, stdout and stderr piped. */
export interface HarnessedProcess {
  child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** Its exit code, once it has exited (`null` after a signal). */
  exited: Promise<number | null>;
  /** Signals its whole process group, as a test runner, CI or a process manager does. */
  signalGroup(signal: NodeJS.Signals): void;
  /** Closes our ends of its pipes: the reader of its output goes away. */
  closePipes(): void;
}

export function startHarnessed(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): HarnessedProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => (output = (output + chunk).slice(-1_000_000)));
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    child,
    output: () => output,
    exited,
    signalGroup: (signal) => {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    },
    closePipes: () => {
      child.stdout?.destroy();
      child.stderr?.destroy();
    },
  };
}

/**
 * Waits until `condition` holds, or fails naming `what` after `timeoutMs` (a function is asked
 * then, so the message can show what happened meanwhile, e.g. a process's output).
 */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string | (() => string),
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`,
      );
    await sleep(50);
  }
}

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
export function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A live process: its pid, start time and command line, read from `/proc`. */
export interface ProcessInfo {
  pid: number;
  startedAt: string;
  commandLine: string;
}

/** Every live (not zombie) process under `rootPid`, however deep. */
export function processTree(rootPid: number): ProcessInfo[] {
  const entries = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (fields[0] === 'Z') return [];
        const commandLine = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ');
        return [{ pid: Number(name), ppid: Number(fields[1]), startedAt: fields[19], commandLine }];
      } catch {
        return [];
      }
    });
  const found = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const entry of entries) {
      if (found.has(entry.ppid) && !found.has(entry.pid)) {
        found.add(entry.pid);
        grew = true;
      }
    }
  }
  return entries
    .filter((entry) => found.has(entry.pid))
    .map(({ pid, startedAt, commandLine }) => ({
      pid,
      startedAt,
      commandLine: commandLine.trim(),
    }));
}

/** Those of `processes` still alive as the same process (a reused pid does not count). */
export function survivors(processes: readonly ProcessInfo[]): ProcessInfo[] {
  return processes.filter(({ pid, startedAt }) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return fields[0] !== 'Z' && fields[19] === startedAt;
    } catch {
      return false;
    }
  });
}

/** The TCP ports `pids` listen on (Linux: `/proc/net/tcp*` matched to `/proc/<pid>/fd`). */
export function listeningPorts(pids: readonly number[]): number[] {
  const portByInode = listeningSockets();
  const ports = new Set<number>();
  for (const pid of pids) {
    for (const inode of socketInodes(pid)) {
      const port = portByInode.get(inode);
      if (port !== undefined) ports.add(port);
    }
  }
  return [...ports].sort((a, b) => a - b);
}

/**
 * The processes listening on any of `ports` (Linux: the sockets of `/proc/net/tcp*` matched to
 * the descriptors of `/proc/<pid>/fd`): what a failed test must not leave behind, even a process
 * that left the stack's tree.
 */
export function listenersOn(ports: readonly number[]): number[] {
  const inodes = new Set(
    [...listeningSockets()].filter(([, port]) => ports.includes(port)).map(([inode]) => inode),
  );
  if (inodes.size === 0) return [];
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => socketInodes(pid).some((inode) => inodes.has(inode)));
}

/** Inode → port of every listening TCP socket, IPv4 and IPv6. */
function listeningSockets(): Map<string, number> {
  const sockets = new Map<string, number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let lines: string[];
    try {
      lines = readFileSync(table, 'utf8').split('\n').slice(1);
    } catch {
      continue;
    }
    for (const line of lines) {
      const fields = line.trim().split(/\s+/);
      // local address "ADDR:PORT" in hex, state 0A = LISTEN, inode in the tenth column
      if (fields[3] === '0A') sockets.set(fields[9], parseInt(fields[1].split(':')[1], 16));
    }
  }
  return sockets;
}

/** The inodes of the sockets a process holds open. */
function socketInodes(pid: number): string[] {
  try {
    return readdirSync(`/proc/${pid}/fd`).flatMap((fd) => {
      try {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`, { encoding: 'utf8' });
        const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
        return inode === undefined ? [] : [inode];
      } catch {
        return [];
      }
    });
  } catch {
    return [];
  }
}
