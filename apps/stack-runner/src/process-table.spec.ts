import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { processesCarrying, readProcFs, readPs, type ProcessEntry } from './process-table';

describe('the process table', () => {
  const byPid = (table: ProcessEntry[], pid: number) => table.find((entry) => entry.pid === pid);

  it.each([
    ['/proc', readProcFs],
    ['ps', readPs],
  ])(
    'from %s: this process, its parent, and a child as it comes and goes',
    async (_source, read) => {
      const child = spawn('sleep', ['30']);
      await once(child, 'spawn');
      const table = read();
      expect(byPid(table, process.pid)).toMatchObject({ ppid: process.ppid, zombie: false });
      const seen = byPid(table, child.pid ?? 0);
      expect(seen).toMatchObject({ ppid: process.pid, zombie: false });
      // The same process reads the same start time each time.
      expect(byPid(read(), child.pid ?? 0)?.startedAt).toBe(seen?.startedAt);
      child.kill('SIGKILL');
      await once(child, 'exit');
      expect(byPid(read(), child.pid ?? 0)).toBeUndefined();
    },
  );

  it('finds the processes whose environment carries a marker', async () => {
    const marked = spawn('sleep', ['30'], { env: { ...process.env, STACK_TEST_MARK: 'abc' } });
    const other = spawn('sleep', ['30'], { env: { ...process.env, STACK_TEST_MARK: 'abcd' } });
    await Promise.all([once(marked, 'spawn'), once(other, 'spawn')]);
    try {
      expect(processesCarrying('STACK_TEST_MARK', 'abc')).toEqual([marked.pid]);
    } finally {
      marked.kill('SIGKILL');
      other.kill('SIGKILL');
    }
  });
});
