import { ModelServerError } from './model-server-error';

/**
 * Fails a model-server request that goes quiet: no first event by the deadline (response headers
 * do not count), or no further event within `idleMs` of the last one. `expire` gets a `timeout`
 * {@link ModelServerError}.
 */
export class EventWatchdog {
  private timer: NodeJS.Timeout;
  private firstEventSeen = false;

  constructor(
    private readonly expire: (error: ModelServerError) => void,
    firstEventWithinMs: number,
    private readonly idleMs: number,
  ) {
    this.timer = setTimeout(this.fire, Math.max(firstEventWithinMs, 0));
  }

  /** An event arrived: the next one has `idleMs` from now. */
  eventArrived(): void {
    if (this.firstEventSeen) {
      this.timer.refresh();
      return;
    }
    this.firstEventSeen = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(this.fire, this.idleMs);
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  private readonly fire = (): void => {
    const seconds = Math.round(this.idleMs / 1000);
    this.expire(
      new ModelServerError(
        'timeout',
        this.firstEventSeen
          ? `the model server sent no event for ${seconds} s`
          : `the model server sent no event within ${seconds} s`,
      ),
    );
  };
}
