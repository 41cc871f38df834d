import type { Client, KoaContextWithOIDC, RefreshToken } from 'oidc-provider';
import { refreshTokenTtl } from './refresh-token-lifetime';

describe('refreshTokenTtl', () => {
  const ttl = refreshTokenTtl(3600);
  // A fixed clock: a second boundary crossed between the test and the code must not matter.
  const nowS = 1_800_000_000;
  beforeAll(() => jest.useFakeTimers({ now: nowS * 1000 }));
  afterAll(() => jest.useRealTimers());
  const tokenIssuedAt = (iiat: number, rotations = 0): RefreshToken => ({
    kind: 'RefreshToken',
    iiat,
    rotations,
  });
  const lifetimeOf = (token: RefreshToken) => ttl({} as KoaContextWithOIDC, token, {} as Client);

  it('gives the first refresh token of a grant the whole lifetime', () => {
    expect(lifetimeOf(tokenIssuedAt(nowS))).toBe(3600);
  });

  it('gives a rotated one only what is left since the first', () => {
    expect(lifetimeOf(tokenIssuedAt(nowS - 3000, 12))).toBe(600);
  });

  it('never answers 0, which would mean no expiry at all', () => {
    expect(lifetimeOf(tokenIssuedAt(nowS - 4000, 99))).toBe(1);
  });
});
