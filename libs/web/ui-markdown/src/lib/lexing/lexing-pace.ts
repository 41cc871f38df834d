/**
 * Keeps lexing to a share of the main thread: after a lexing pass that took `t`, the next may
 * start `costFactor × t` later at the earliest (3: at most a quarter of the time lexing). A cheap
 * pass leaves the pace to the caller; an answer shaped to be costly to lex (a huge block that
 * never settles) is then shown less often instead of freezing the page.
 */
export class LexingPace {
  private nextAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly costFactor = 3,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Milliseconds to wait before the next pass; 0 when it may run now. */
  delay(): number {
    return Math.max(0, this.nextAt - this.now());
  }

  /** Runs a pass, timing it. */
  measure<T>(pass: () => T): T {
    const start = this.now();
    try {
      return pass();
    } finally {
      const end = this.now();
      this.nextAt = end + this.costFactor * (end - start);
    }
  }
}
