import {
  checkPolicy,
  CONCURRENCY_RETRY_AFTER_S,
  RATE_WINDOW_MS,
  type Admission,
  type AnswerLimits,
  type LimitsPolicy,
} from './answer-limits';

interface UserState {
  /** When each admitted answer of the last window started, oldest first. */
  starts: number[];
  inProgress: number;
}

/**
 * The limits of one instance, in memory: a sliding log of start times per user and a count of
 * answers in progress. Users with nothing in the window and nothing in progress are forgotten by a
 * sweep every window, so memory follows the users of the last minute.
 */
export class MemoryAnswerLimits implements AnswerLimits {
  private readonly users = new Map<string, UserState>();
  private readonly sweep: NodeJS.Timeout;

  constructor(
    private readonly policy: LimitsPolicy,
    private readonly now: () => number = Date.now,
  ) {
    checkPolicy(policy);
    this.sweep = setInterval(() => this.forgetIdleUsers(), RATE_WINDOW_MS);
    this.sweep.unref();
  }

  async admit(user: string): Promise<Admission> {
    const now = this.now();
    let state = this.users.get(user);
    if (state === undefined) {
      state = { starts: [], inProgress: 0 };
      this.users.set(user, state);
    }
    prune(state, now);
    const concurrencyFull = state.inProgress >= this.policy.maxConcurrent;
    const rateFull = state.starts.length >= this.policy.ratePerMinute;
    if (concurrencyFull || rateFull) {
      const rateWaitS = rateFull ? Math.ceil((state.starts[0] + RATE_WINDOW_MS - now) / 1000) : 0;
      return {
        admitted: false,
        limit: concurrencyFull ? 'concurrency' : 'rate',
        retryAfterS: Math.max(rateWaitS, concurrencyFull ? CONCURRENCY_RETRY_AFTER_S : 1),
      };
    }
    state.starts.push(now);
    state.inProgress++;
    const held = state;
    let released = false;
    return {
      admitted: true,
      release: () => {
        if (released) return;
        released = true;
        held.inProgress--;
      },
    };
  }

  /** Users tracked now (for tests of the sweep). */
  get trackedUsers(): number {
    return this.users.size;
  }

  forgetIdleUsers(): void {
    const now = this.now();
    for (const [user, state] of this.users) {
      prune(state, now);
      if (state.starts.length === 0 && state.inProgress === 0) this.users.delete(user);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.sweep);
  }
}

function prune(state: UserState, now: number): void {
  let expired = 0;
  while (expired < state.starts.length && state.starts[expired] <= now - RATE_WINDOW_MS) expired++;
  if (expired > 0) state.starts.splice(0, expired);
}
