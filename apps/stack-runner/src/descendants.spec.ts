import { Descendants } from './descendants';
import type { ProcessEntry } from './process-table';

const ROOT = 100;

function entry(pid: number, ppid: number, startedAt = `t${pid}`, zombie = false): ProcessEntry {
  return { pid, ppid, startedAt, zombie };
}

describe('Descendants', () => {
  let table: ProcessEntry[];
  let descendants: Descendants;

  beforeEach(() => {
    table = [entry(1, 0), entry(50, 1), entry(ROOT, 50)];
    descendants = new Descendants(ROOT, () => table);
  });

  it('knows the whole tree under the root, never the root, its ancestors or strangers', () => {
    table.push(entry(101, ROOT), entry(102, 101), entry(103, 102), entry(200, 1));
    expect(descendants.refresh().sort()).toEqual([101, 102, 103]);
  });

  it('keeps a process re-parented to init once its parent ended, with its later children', () => {
    table.push(entry(101, ROOT), entry(102, 101), entry(103, 102));
    descendants.refresh();
    table = table.filter(({ pid }) => pid !== 102).map((e) => (e.pid === 103 ? entry(103, 1) : e));
    table.push(entry(104, 103));
    expect(descendants.refresh().sort()).toEqual([101, 103, 104]);
  });

  it('forgets a process that ended, and never takes a reused pid for it', () => {
    table.push(entry(101, ROOT), entry(102, 101));
    descendants.refresh();
    table = table.filter(({ pid }) => pid !== 101 && pid !== 102);
    table.push(entry(102, 1, 'later'));
    expect(descendants.refresh()).toEqual([]);
  });

  it('counts a zombie as ended', () => {
    table.push(entry(101, ROOT, 't101', true));
    expect(descendants.refresh()).toEqual([]);
  });

  it('adopts processes found by other means, with their children', () => {
    table.push(entry(300, 1), entry(301, 300), entry(400, 1));
    expect(descendants.refresh([300, 999, ROOT]).sort()).toEqual([300, 301]);
  });
});
