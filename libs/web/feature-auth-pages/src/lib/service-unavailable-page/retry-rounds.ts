import { Injectable } from '@angular/core';

/** Automatic attempts before the page stops trying by itself and says so. */
export const MAX_AUTOMATIC_RETRIES = 4;

/** The wait between attempts: the API's `Retry-After`, kept within 1–60 s; 5 s when it gave none. */
export function retryDelayS(retryAfter: unknown): number {
  const seconds =
    typeof retryAfter === 'string' && retryAfter !== '' ? Number(retryAfter) : retryAfter;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return 5;
  return Math.min(60, Math.max(1, Math.ceil(seconds)));
}

/** An arrival within this of an automatic attempt is that attempt failing, not a new outage. */
const SAME_OUTAGE_MS = 30_000;

/**
 * How many automatic attempts have failed in a row, across arrivals on the page: an attempt that
 * reaches the page it returns to, only for that page's own API call to fail, counts as failed —
 * so a partial outage cannot make the app bounce between the two pages forever.
 */
@Injectable({ providedIn: 'root' })
export class RetryRounds {
  private failed = 0;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;

  /** Failed automatic attempts so far in this outage (0 for a new one). */
  failedSoFar(now = Date.now()): number {
    return now - this.lastAttemptAt < SAME_OUTAGE_MS ? this.failed : 0;
  }

  /** An automatic attempt is being made; `failedBefore` had failed before it. */
  attempt(failedBefore: number, now = Date.now()): void {
    this.failed = failedBefore + 1;
    this.lastAttemptAt = now;
  }

  /** The user asked to try again: the count starts over. */
  reset(): void {
    this.failed = 0;
    this.lastAttemptAt = Number.NEGATIVE_INFINITY;
  }
}
