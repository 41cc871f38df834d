import { DpopNonces } from './dpop-nonces';

describe('DpopNonces', () => {
  let clock = 0;
  const nonces = (secret = 's'.repeat(32)) =>
    new DpopNonces({ secret, periodS: 60, now: () => clock });

  beforeEach(() => (clock = 1_800_000_000_000));

  it('every instance with the secret derives the same nonce; another secret does not', () => {
    expect(nonces().current()).toBe(nonces().current());
    expect(nonces('t'.repeat(32)).current()).not.toBe(nonces().current());
  });

  it('accepts the current nonce as fresh and the previous period one as stale, then no more', () => {
    const issuer = nonces();
    const nonce = issuer.current();
    expect(issuer.check(nonce)).toBe('fresh');
    clock += 60_000;
    expect(issuer.check(nonce)).toBe('stale');
    expect(issuer.current()).not.toBe(nonce);
    clock += 60_000;
    expect(issuer.check(nonce)).toBe('invalid');
  });

  it.each([undefined, '', 'forged', 'x'.repeat(43)])('refuses %p', (nonce) => {
    expect(nonces().check(nonce)).toBe('invalid');
  });
});
