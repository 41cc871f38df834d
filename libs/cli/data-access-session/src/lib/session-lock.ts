import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fchmodSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { SessionError } from './session-error';

export interface SessionLockOptions {
  /** How long to wait for another process's lock before giving up; default 45 s. */
  waitMs?: number;
  /**
   * A lock older than this is taken over even when its holder may still run (another host on a
   * shared home folder, a reused pid); default 40 s, above the longest refresh (discovery and a
   * token request of 15 s each) so a live holder is never overtaken.
   */
  staleMs?: number;
  /** Pause between attempts; default 50 ms. */
  pollMs?: number;
}

/** What a lock file says about its holder. */
interface Holder {
  pid: number;
  host: string;
  /** Random per acquisition: tells this lock from a later one at the same path. */
  id: string;
  acquiredAt: number;
}

/**
 * Runs `task` while holding the lock file `lockPath`, so that of several processes sharing one
 * session (say ten `oracle-ai token` at once in a script), one refreshes and the others then read
 * its result instead of redeeming the same rotating refresh token again, which the IdP would take
 * for token theft and answer by revoking the whole grant.
 *
 * The lock is a file created with O_EXCL. A holder that died (its pid is gone on this host) or
 * that has held it for longer than `staleMs` is presumed gone and its lock is taken over.
 */
export async function withSessionLock<T>(
  lockPath: string,
  task: () => Promise<T>,
  options: SessionLockOptions = {},
): Promise<T> {
  const holder = await acquire(lockPath, options);
  try {
    return await task();
  } finally {
    release(lockPath, holder);
  }
}

async function acquire(lockPath: string, options: SessionLockOptions): Promise<Holder> {
  const { waitMs = 45_000, staleMs = 40_000, pollMs = 50 } = options;
  const deadline = Date.now() + waitMs;
  for (;;) {
    const mine: Holder = {
      pid: process.pid,
      host: hostname(),
      id: randomBytes(12).toString('base64url'),
      acquiredAt: Date.now(),
    };
    if (tryCreate(lockPath, mine)) return mine;
    const current = readHolder(lockPath);
    if (current === 'gone') continue;
    if (isStale(current, lockPath, staleMs)) {
      takeOver(lockPath, current);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = current === 'unreadable' ? 'another process' : `process ${current.pid}`;
      throw new SessionError(
        'ERR_SESSION_LOCKED',
        `${who} has held ${lockPath} for more than ${Math.round(waitMs / 1000)} s; if no oracle-ai command is running, delete that file`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

function tryCreate(lockPath: string, holder: Holder): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new SessionError(
      'ERR_SESSION_IO',
      `cannot create ${lockPath} (${(error as NodeJS.ErrnoException).code})`,
    );
  }
  try {
    if (process.platform !== 'win32') fchmodSync(fd, 0o600);
    writeFileSync(fd, JSON.stringify(holder));
  } finally {
    closeSync(fd);
  }
  return true;
}

/** `unreadable`: created but not written yet (or garbage); `gone`: released meanwhile. */
function readHolder(path: string): Holder | 'unreadable' | 'gone' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw new SessionError(
      'ERR_SESSION_IO',
      `cannot read ${path} (${(error as NodeJS.ErrnoException).code})`,
    );
  }
  try {
    const value = JSON.parse(text) as Partial<Holder>;
    if (
      Number.isSafeInteger(value.pid) &&
      typeof value.host === 'string' &&
      typeof value.id === 'string' &&
      Number.isFinite(value.acquiredAt)
    ) {
      return value as Holder;
    }
  } catch {
    // Falls through: a holder between creating and writing the file, or a damaged file.
  }
  return 'unreadable';
}

function isStale(holder: Holder | 'unreadable', lockPath: string, staleMs: number): boolean {
  if (holder === 'unreadable') {
    // Only the file's age tells: a holder writes its record right after creating the file.
    try {
      return Date.now() - statSync(lockPath).mtimeMs > staleMs;
    } catch {
      return false;
    }
  }
  if (Date.now() - holder.acquiredAt > staleMs) return true;
  return holder.host === hostname() && holder.pid !== process.pid && !isRunning(holder.pid);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes a stale lock without ever removing a live one: the file is first moved aside (atomic),
 * and if what was moved turns out to be a newer lock than the one judged stale (another process
 * took over in between), it is put back with `link`, which fails rather than overwrite.
 */
function takeOver(lockPath: string, stale: Holder | 'unreadable'): void {
  const aside = `${lockPath}.${randomBytes(6).toString('hex')}.stale`;
  try {
    renameSync(lockPath, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    const moved = readHolder(aside);
    const same =
      stale === 'unreadable'
        ? moved === 'unreadable'
        : moved !== 'gone' && moved !== 'unreadable' && moved.id === stale.id;
    if (!same) linkSync(aside, lockPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(aside, { force: true });
  }
}

/** Deletes the lock only if it is still this holder's (a stale takeover may have replaced it). */
function release(lockPath: string, holder: Holder): void {
  const current = readHolder(lockPath);
  if (current !== 'gone' && current !== 'unreadable' && current.id === holder.id) {
    rmSync(lockPath, { force: true });
  }
}
