import type { Script } from './script';

export interface QueuedScript extends Script {
  id: string;
}

/** Scripts waiting for the next completion requests, first in, first out. */
export class ScriptQueue {
  private readonly scripts: QueuedScript[] = [];
  private count = 0;

  add(script: Script): QueuedScript {
    const queued = { ...script, id: `script-${++this.count}` };
    this.scripts.push(queued);
    return queued;
  }

  /** The oldest script, taken off the queue; undefined when none waits. */
  take(): QueuedScript | undefined {
    return this.scripts.shift();
  }

  clear(): void {
    this.scripts.length = 0;
  }
}
