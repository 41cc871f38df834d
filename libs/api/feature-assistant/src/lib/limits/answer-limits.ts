import { createHash } from 'node:crypto';

/** The per-user limits of the assistant. */
export interface LimitsPolicy {
  /** Answers a user may start in any 60 s. */
  ratePerMinute: number;
  /** Answers a user may have in progress at once. */
  maxConcurrent: number;
}

/** An answer may start: `release()` (idempotent) gives its in-progress slot back when it ends. */
export interface Admitted {
  admitted: true;
  release(): void;
}

/** An answer may not start now; `retryAfterS` says when one could. */
export interface Refused {
  admitted: false;
  /** Which limit is full: `concurrency` when both are. */
  limit: 'rate' | 'concurrency';
  retryAfterS: number;
}

export type Admission = Admitted | Refused;

/**
 * Counts answers per user. Only admitted answers count towards the rate; a refused request takes
 * nothing. `admit` rejects with {@link LimitsUnavailable} when it cannot tell (the shared store is
 * unreachable): the caller refuses then, limits fail closed.
 */
export interface AnswerLimits {
  admit(user: string): Promise<Admission>;
  close(): Promise<void>;
}

/** The limits cannot be checked now (their store does not answer). */
export class LimitsUnavailable extends Error {
  override readonly name = 'LimitsUnavailable';
}

/** Seconds suggested to a user whose answers in progress fill their slots: an answer takes seconds. */
export const CONCURRENCY_RETRY_AFTER_S = 5;
export const RATE_WINDOW_MS = 60_000;

/**
 * The key limits are counted under: the issuer and the subject, never an address (a bank's users
 * share proxies and NAT). Hashed, so a hostile `sub` is neither a long key nor one with odd bytes.
 */
export function limitsKey(issuer: string, subject: string): string {
  return createHash('sha256').update(`${issuer}\n${subject}`).digest('base64url');
}

export function checkPolicy(policy: LimitsPolicy): void {
  for (const [name, value] of Object.entries(policy)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`answer limits: ${name} must be a whole number ≥ 1`);
    }
  }
}
