/**
 * Runs tasks together at the end of the current event-loop turn (`setImmediate`, after the turn's
 * I/O callbacks), in the order they were added.
 *
 * The bearer hook verifies never-seen tokens this way: every request read in one turn is parsed
 * first (and cached tokens answered at once), then the turn's signature checks run back to back,
 * and their responses are written back to back — see docs/adr/0006.
 */
export class TurnBatch {
  private tasks: Array<() => void> = [];

  /** `task` must not throw: it reports its own failures (e.g. through a promise's rejection). */
  add(task: () => void): void {
    this.tasks.push(task);
    if (this.tasks.length === 1) setImmediate(this.runAll);
  }

  private readonly runAll = (): void => {
    const tasks = this.tasks;
    this.tasks = [];
    for (const task of tasks) task();
  };
}
