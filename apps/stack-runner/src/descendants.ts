import type { ProcessEntry } from './process-table';

/**
 * Every process started under one root, known for good once seen: a process stays known after
 * its parent ends and it is re-parented (an nginx worker whose master was killed, a server whose
 * task runner crashed, a detached child in a session of its own) — exactly the ones a signal to a
 * process group or a walk of the tree at stop time misses. Known by pid and start time, so a pid
 * reused by an unrelated process is dropped, never signalled.
 */
export class Descendants {
  private readonly known = new Map<number, string>();

  constructor(
    private readonly rootPid: number,
    private readonly readTable: () => ProcessEntry[],
  ) {}

  /**
   * Reads the process table; forgets the processes that ended; learns the new ones, and `adopt`
   * (processes known to be the stack's by other means) with their own descendants. The live ones.
   */
  refresh(adopt: readonly number[] = []): number[] {
    const table = this.readTable();
    const live = new Map(table.filter((entry) => !entry.zombie).map((entry) => [entry.pid, entry]));
    for (const [pid, startedAt] of this.known) {
      if (live.get(pid)?.startedAt !== startedAt) this.known.delete(pid);
    }
    const children = new Map<number, ProcessEntry[]>();
    for (const entry of live.values()) {
      const siblings = children.get(entry.ppid);
      if (siblings === undefined) children.set(entry.ppid, [entry]);
      else siblings.push(entry);
    }
    // From the root and from every known process: an orphan's own children are ours too.
    for (const pid of adopt) {
      const entry = live.get(pid);
      if (entry !== undefined && pid !== this.rootPid) this.known.set(pid, entry.startedAt);
    }
    const queue = [this.rootPid, ...this.known.keys()];
    for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
      for (const child of children.get(pid) ?? []) {
        if (child.pid === this.rootPid || this.known.has(child.pid)) continue;
        this.known.set(child.pid, child.startedAt);
        queue.push(child.pid);
      }
    }
    return [...this.known.keys()];
  }
}
