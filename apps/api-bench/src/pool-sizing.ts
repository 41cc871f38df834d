import { createPublicKey, verify } from 'node:crypto';
import type { TestIssuer } from '@oracle-ai/api/testing-issuer';
import { WARMUP_S } from './rounds';

/** Headroom on the fresh-round token estimate; a shortfall is still reported as reuse. */
export const TOKEN_MARGIN = 1.3;
/** A measured round may run faster than its 2 s calibration (warmer JIT, quieter machine). */
export const POOL_HEADROOM = 1.25;

/**
 * The most requests per second a server could answer with a never-seen token on every request:
 * a floor request plus one RS256 verification, on the same core.
 */
export function ceilingRps(floorRps: number, verifySeconds: number): number {
  return 1 / (1 / floorRps + verifySeconds);
}

/** Tokens for one calibration round at the ceiling rate. */
export function calibrationPoolSize(ceiling: number): number {
  return Math.ceil(ceiling * WARMUP_S * TOKEN_MARGIN);
}

/**
 * Tokens for one measured fresh/invalid round: the fastest distinct-token rate seen in the
 * calibration, with headroom, never above what the ceiling allows.
 */
export function freshPoolSize(ceiling: number, distinctRps: number, durationS: number): number {
  return Math.ceil(Math.min(ceiling, distinctRps * POOL_HEADROOM) * durationS * TOKEN_MARGIN);
}

/** Proofs for one DPoP round: as many as a round could spend at its ceiling, with headroom. */
export function proofPoolSize(ceiling: number, durationS: number): number {
  return Math.ceil(ceiling * durationS * TOKEN_MARGIN);
}

/** Seconds one RS256 verification of `token` takes with node:crypto here. */
export function measureVerifySeconds(token: string, issuer: TestIssuer): number {
  const [header, payload, signature] = token.split('.');
  const key = createPublicKey({ key: issuer.currentKey.publicJwk, format: 'jwk' });
  const input = Buffer.from(`${header}.${payload}`);
  const signatureBytes = Buffer.from(signature, 'base64url');
  // The fastest of several batches: other work on the machine only ever makes a batch slower.
  let best = Infinity;
  for (let batch = 0; batch < 8; batch++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < 250; i++) verify('sha256', input, key, signatureBytes);
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9 / 250);
  }
  return best;
}
