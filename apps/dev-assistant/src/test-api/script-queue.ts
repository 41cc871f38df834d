import type { DevAssistantScript } from '@oracle-ai/shared/util-dev-assistant-test-api';

export interface QueuedScript extends DevAssistantScript {
  id: string;
}

/** Scripts waiting for the next completion requests, first in, first out. */
export class ScriptQueue {
  private readonly scripts: QueuedScript[] = [];
  private count = 0;

  add(script: DevAssistantScript): QueuedScript {
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
