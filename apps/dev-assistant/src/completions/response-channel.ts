import type { ServerResponse } from 'node:http';

/**
 * The way back to one client while an answer is produced: writes that wait for the socket to
 * drain (a slow reader slows the answer down instead of filling memory), pauses that end at once
 * when the client goes away, and a flag telling the producer to stop.
 */
export class ResponseChannel {
  private closed = false;
  private resetByServer = false;
  /** Wakes a pending pause or drain wait when the connection closes. */
  private readonly closeListeners = new Set<() => void>();

  constructor(private readonly res: ServerResponse) {
    res.once('close', () => {
      this.closed = true;
      for (const listener of this.closeListeners) listener();
      this.closeListeners.clear();
    });
  }

  /** The connection is closed: nothing more can be sent. */
  get gone(): boolean {
    return this.closed;
  }

  /** The client closed the connection before the response was complete (not the server). */
  get abortedByClient(): boolean {
    return this.closed && !this.res.writableFinished && !this.resetByServer;
  }

  /** Writes `data`, then waits while the socket's buffer is full; false once the client is gone. */
  async write(data: string): Promise<boolean> {
    if (this.closed) return false;
    if (!this.res.write(data)) await this.until('drain');
    return !this.closed;
  }

  /** Waits `ms` (0: one turn of the event loop, so a close can be noticed); false if gone. */
  async pause(ms: number): Promise<boolean> {
    if (this.closed) return false;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        clearImmediate(immediate);
        this.closeListeners.delete(done);
        resolve();
      };
      const timer = ms > 0 ? setTimeout(done, ms) : undefined;
      const immediate = ms > 0 ? undefined : setImmediate(done);
      this.closeListeners.add(done);
    });
    return !this.closed;
  }

  /**
   * Drops the connection in the middle of the response, as a crashing server would: what was
   * written still arrives (a TCP reset would let the kernel discard it, which no test could rely
   * on), then the socket closes with the response never completed.
   */
  reset(): void {
    this.resetByServer = true;
    const socket = this.res.socket;
    if (socket) socket.end(() => socket.destroy());
    else this.res.destroy();
  }

  private until(event: 'drain'): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.res.off(event, done);
        this.closeListeners.delete(done);
        resolve();
      };
      this.res.once(event, done);
      this.closeListeners.add(done);
    });
  }
}
