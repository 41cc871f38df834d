import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { withSessionLock } from './session-lock';

/** The pid of a process that has exited (and so cannot hold anything). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('close', resolve));
  return child.pid as number;
}

describe('withSessionLock', () => {
  let dir: string;
  let lock: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cli-lock-'));
    lock = join(dir, 'session.json.lock');
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs one task at a time, and removes the lock after each', async () => {
    let inside = 0;
    let most = 0;
    const task = async () => {
      inside++;
      most = Math.max(most, inside);
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setTimeout(resolve, 5));
      inside--;
    };
    await Promise.all(Array.from({ length: 8 }, () => withSessionLock(lock, task, { pollMs: 2 })));
    expect(most).toBe(1);
    expect(existsSync(lock)).toBe(false);
  });

  it('releases the lock when the task throws', async () => {
    await expect(
      withSessionLock(lock, async () => {
        throw new Error('refresh failed');
      }),
    ).rejects.toThrow('refresh failed');
    expect(existsSync(lock)).toBe(false);
  });

  it('takes over the lock of a process that died holding it', async () => {
    const pid = await deadPid();
    writeFileSync(
      lock,
      JSON.stringify({ pid, host: hostname(), id: 'dead', acquiredAt: Date.now() }),
    );
    const started = Date.now();
    await withSessionLock(lock, async () => undefined, { waitMs: 5_000 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('takes over a lock held longer than staleMs, even by a live process', async () => {
    writeFileSync(
      lock,
      JSON.stringify({
        pid: process.ppid,
        host: 'another-host',
        id: 'old',
        acquiredAt: Date.now() - 60_000,
      }),
    );
    await withSessionLock(lock, async () => undefined, { staleMs: 30_000, waitMs: 5_000 });
    expect(existsSync(lock)).toBe(false);
  });

  it('takes over an old empty lock file (a holder that died before writing)', async () => {
    writeFileSync(lock, '');
    const old = (Date.now() - 60_000) / 1000;
    utimesSync(lock, old, old);
    await withSessionLock(lock, async () => undefined, { staleMs: 30_000, waitMs: 5_000 });
    expect(existsSync(lock)).toBe(false);
  });

  it('waits for a live holder, and gives up after waitMs naming it and the file', async () => {
    writeFileSync(
      lock,
      JSON.stringify({ pid: process.ppid, host: hostname(), id: 'live', acquiredAt: Date.now() }),
    );
    const task = jest.fn(async () => undefined);
    await expect(withSessionLock(lock, task, { waitMs: 300, pollMs: 20 })).rejects.toMatchObject({
      code: 'ERR_SESSION_LOCKED',
      message: `process ${process.ppid} has held ${lock} for more than 0 s; if no oracle-ai command is running, delete that file`,
    });
    expect(task).not.toHaveBeenCalled();
    expect(existsSync(lock)).toBe(true);
  });

  it('does not delete a lock that another process took over meanwhile', async () => {
    await withSessionLock(
      lock,
      async () => {
        // As a takeover after a stall would: the file now belongs to someone else.
        writeFileSync(
          lock,
          JSON.stringify({
            pid: process.ppid,
            host: hostname(),
            id: 'other',
            acquiredAt: Date.now(),
          }),
        );
      },
      { waitMs: 1_000 },
    );
    expect(existsSync(lock)).toBe(true);
  });
});
