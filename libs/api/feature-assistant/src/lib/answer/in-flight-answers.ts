import { SHUTDOWN } from './failures';

/**
 * The answers this instance is giving, so that a stop can end them cleanly: from the stop on, no
 * new answer starts (the client's retry reaches another instance), and those still running at
 * the deadline are cancelled — a stream then ends with its error event instead of being cut
 * when the process exits.
 */
export class InFlightAnswers {
  private readonly running = new Set<AbortController>();
  private deadline: NodeJS.Timeout | undefined;
  private stopping = false;

  get closing(): boolean {
    return this.stopping;
  }

  get size(): number {
    return this.running.size;
  }

  /** Tracks an answer until the returned function is called. */
  track(controller: AbortController): () => void {
    this.running.add(controller);
    return () => this.running.delete(controller);
  }

  /** The instance is stopping: answers still running after `endAfterMs` are ended. */
  drain(endAfterMs: number): void {
    this.stopping = true;
    this.deadline = setTimeout(() => {
      for (const controller of this.running) controller.abort(SHUTDOWN);
    }, endAfterMs);
    this.deadline.unref();
  }

  stop(): void {
    clearTimeout(this.deadline);
  }
}

/**
 * When to end the answers still running after a stop signal: early enough that they end, their
 * connections close and the process exits within the grace (`SHUTDOWN_GRACE_S`) — 2 s before it,
 * or at half of a short grace.
 */
export function endAnswersAfterMs(shutdownGraceS: number): number {
  const graceMs = shutdownGraceS * 1000;
  return Math.max(graceMs - 2_000, graceMs / 2);
}
