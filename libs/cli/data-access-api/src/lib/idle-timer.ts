/**
 * An abort signal that fires after `limitMs` without a {@link reset}: a limit on silence, not
 * on the whole exchange, so a long answer that keeps coming is never cut.
 */
export class IdleTimer {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;

  constructor(readonly limitMs: number) {
    this.timer = setTimeout(() => this.controller.abort(), limitMs);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  reset(): void {
    this.timer.refresh();
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}
