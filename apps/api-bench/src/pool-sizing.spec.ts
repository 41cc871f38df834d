import { TestIssuer } from '@oracle-ai/api/testing-issuer';
import {
  calibrationPoolSize,
  ceilingRps,
  freshPoolSize,
  measureVerifySeconds,
  POOL_HEADROOM,
  TOKEN_MARGIN,
} from './pool-sizing';
import { WARMUP_S } from './rounds';

describe('pool sizing', () => {
  it('puts the ceiling at a floor request plus one verification', () => {
    // 20 µs per floor request + 20 µs per verification: half the floor's rate.
    expect(ceilingRps(50_000, 20e-6)).toBeCloseTo(25_000);
  });

  it('sizes a calibration round for the ceiling rate, with the margin', () => {
    expect(calibrationPoolSize(25_000)).toBe(Math.ceil(25_000 * WARMUP_S * TOKEN_MARGIN));
  });

  it('sizes a measured round from the calibrated rate with headroom', () => {
    expect(freshPoolSize(25_000, 10_000, 10)).toBe(
      Math.ceil(10_000 * POOL_HEADROOM * 10 * TOKEN_MARGIN),
    );
  });

  it('never sizes a measured round above what the ceiling allows', () => {
    expect(freshPoolSize(25_000, 24_000, 10)).toBe(Math.ceil(25_000 * 10 * TOKEN_MARGIN));
  });

  it('measures one RS256 verification with node:crypto', async () => {
    const issuer = await TestIssuer.start();
    try {
      const seconds = measureVerifySeconds(await issuer.mint(), issuer);
      expect(seconds).toBeGreaterThan(0);
      expect(seconds).toBeLessThan(0.01);
    } finally {
      await issuer.stop();
    }
  });
});
