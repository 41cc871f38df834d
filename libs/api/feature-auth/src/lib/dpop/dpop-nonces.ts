import { createHmac, timingSafeEqual } from 'node:crypto';

export interface DpopNoncesOptions {
  /** Shared by every instance, so a nonce one gave out is accepted by all. */
  secret: string;
  /** A nonce is current for this long and accepted for twice as long. */
  periodS?: number;
  now?: () => number;
}

/**
 * Server nonces for DPoP proofs (RFC 9449 §8), derived from a shared secret and the time period —
 * nothing is stored, and every instance derives the same one. A proof may carry the current or
 * the previous period's nonce; an older or forged one gets `use_dpop_nonce` with the current.
 */
export class DpopNonces {
  private readonly periodMs: number;
  private readonly now: () => number;
  private cached: { period: number; current: string; previous: string } | undefined;

  constructor(private readonly options: DpopNoncesOptions) {
    this.periodMs = (options.periodS ?? 60) * 1000;
    this.now = options.now ?? Date.now;
  }

  /** The nonce to hand out now. */
  current(): string {
    return this.nonces().current;
  }

  /** Whether `nonce` is accepted; `fresh` when it is the current one (else a newer should be sent). */
  check(nonce: string | undefined): 'fresh' | 'stale' | 'invalid' {
    if (nonce === undefined) return 'invalid';
    const { current, previous } = this.nonces();
    if (equal(nonce, current)) return 'fresh';
    return equal(nonce, previous) ? 'stale' : 'invalid';
  }

  private nonces() {
    const period = Math.floor(this.now() / this.periodMs);
    if (this.cached?.period !== period) {
      this.cached = { period, current: this.derive(period), previous: this.derive(period - 1) };
    }
    return this.cached;
  }

  private derive(period: number): string {
    return createHmac('sha256', this.options.secret)
      .update(`dpop-nonce:${period}`)
      .digest('base64url');
  }
}

function equal(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
