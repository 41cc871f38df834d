import { createHash } from 'node:crypto';
import type { SigningKey } from '../keys/signing-keys';
import { SecondSighting, tokenKey, VerifiedTokenCache } from './verified-token-cache';

/** A stand-in key: the cache only ever compares keys by identity. */
const signingKey = (kid?: string) => ({ kid }) as SigningKey;

describe('VerifiedTokenCache', () => {
  let clock = 1_000_000_000;
  let current: Set<SigningKey>;
  const key = signingKey('k1');
  beforeEach(() => (current = new Set([key])));
  const cache = (maxEntries = 3) =>
    new VerifiedTokenCache<string>({
      maxEntries,
      clockToleranceS: 30,
      isCurrent: (candidate) => current.has(candidate),
      now: () => clock,
    });
  const exp = () => clock / 1000 + 300;
  /** Looks a token up as the verifier does: the presenter's memory, then the shared entries. */
  const lookup = (entries: VerifiedTokenCache<string>, token: string, presenter?: object) =>
    entries.rememberedBy(presenter, token) ?? entries.get(tokenKey(token), presenter, token);
  /** Offered twice: admitted on the second sighting. */
  const admit = (
    entries: VerifiedTokenCache<string>,
    token: string,
    signedBy = key,
    expS = exp(),
  ) => {
    entries.set(tokenKey(token), { value: token, signedBy, exp: expS });
    entries.set(tokenKey(token), { value: token, signedBy, exp: expS });
  };

  it('matches the whole token: any changed character is another entry', () => {
    const entries = cache();
    admit(entries, 'a.b.c');
    expect(lookup(entries, 'a.b.c')).toBe('a.b.c');
    expect(lookup(entries, 'a.b.d')).toBeUndefined();
    expect(lookup(entries, 'a.b.c ')).toBeUndefined();
  });

  it('never serves an entry past exp + leeway', () => {
    const entries = cache();
    admit(entries, 'k', key, clock / 1000 + 60);
    expect(lookup(entries, 'k')).toBe('k');
    clock += 90_000;
    expect(lookup(entries, 'k')).toBe('k');
    clock += 1_000;
    expect(lookup(entries, 'k')).toBeUndefined();
    expect(entries.size).toBe(0);
  });

  it('is bounded and evicts the least recently used', () => {
    const entries = cache();
    for (const token of ['a', 'b', 'c']) admit(entries, token);
    lookup(entries, 'a');
    admit(entries, 'd');
    expect(entries.size).toBe(3);
    expect(lookup(entries, 'b')).toBeUndefined();
    expect(lookup(entries, 'a')).toBe('a');
  });

  it('serves an entry only while the key that verified it is current, whatever its kid', () => {
    const entries = cache();
    const kidless = signingKey(undefined);
    current.add(kidless);
    admit(entries, 'a', key);
    admit(entries, 'b', kidless);
    current.delete(kidless);
    expect(lookup(entries, 'b')).toBeUndefined();
    expect(lookup(entries, 'a')).toBe('a');
    // A key with the same kid is another key: nothing the old one verified is served.
    current = new Set([signingKey('k1')]);
    expect(lookup(entries, 'a')).toBeUndefined();
    expect(entries.size).toBe(0);
  });

  describe('per-presenter memory (a connection presenting its token again)', () => {
    const vouched = (entries: VerifiedTokenCache<string>, presenter: object, token: string) => {
      admit(entries, token);
      expect(lookup(entries, token, presenter)).toBe(token);
    };

    it('serves the same token again to the same presenter without hashing', () => {
      const entries = cache();
      const connection = {};
      vouched(entries, connection, 'a.b.c');
      const hashing = jest.spyOn(
        jest.requireActual<typeof import('node:crypto')>('node:crypto'),
        'hash',
      );
      expect(lookup(entries, 'a.b.c', connection)).toBe('a.b.c');
      expect(hashing).not.toHaveBeenCalled();
      hashing.mockRestore();
    });

    it('forgets at the first other token, so the remembered one is compared only once', () => {
      const entries = cache();
      const connection = {};
      vouched(entries, connection, 'a.b.c');
      admit(entries, 'a.b.d');
      expect(lookup(entries, 'a.b.d', connection)).toBe('a.b.d');
      // The shared entries are still there for a lookup by hash.
      expect(lookup(entries, 'a.b.c')).toBe('a.b.c');
    });

    it('never serves past exp + leeway, nor once its key left the set', () => {
      const entries = cache();
      const connection = {};
      vouched(entries, connection, 'a.b.c');
      clock += 331_000;
      expect(lookup(entries, 'a.b.c', connection)).toBeUndefined();
      clock -= 331_000;
      const other = {};
      vouched(entries, other, 'x.y.z');
      current.clear();
      expect(lookup(entries, 'x.y.z', other)).toBeUndefined();
    });

    it('remembers nothing for a miss', () => {
      const entries = cache();
      const connection = {};
      expect(lookup(entries, 'a.b.c', connection)).toBeUndefined();
      admit(entries, 'a.b.c');
      current.clear();
      expect(lookup(entries, 'a.b.c', connection)).toBeUndefined();
    });
  });

  describe('admission on second sighting', () => {
    it('stores a result the second time it is offered, not the first', () => {
      const entries = cache();
      entries.set(tokenKey('t'), { value: 't', signedBy: key, exp: exp() });
      expect(lookup(entries, 't')).toBeUndefined();
      entries.set(tokenKey('t'), { value: 't', signedBy: key, exp: exp() });
      expect(lookup(entries, 't')).toBe('t');
    });

    it('a stream of tokens offered once each leaves the cached ones in place', () => {
      const entries = cache(2);
      admit(entries, 'keep');
      for (let i = 0; i < 1_000; i++)
        entries.set(tokenKey(`once-${i}`), { value: 'x', signedBy: key, exp: exp() });
      expect(lookup(entries, 'keep')).toBe('keep');
    });
  });
});

describe('SecondSighting', () => {
  const keyOf = (token: string) => createHash('sha256').update(token).digest('binary');
  const key = (i: number) => keyOf(`token-${i}`);

  it('answers false, then true, then starts over', () => {
    const sightings = new SecondSighting();
    expect(sightings.seenBefore(key(1))).toBe(false);
    expect(sightings.seenBefore(key(1))).toBe(true);
    expect(sightings.seenBefore(key(1))).toBe(false);
  });

  it('keeps thousands of keys apart: few early admissions, none for a key never offered', () => {
    const sightings = new SecondSighting();
    let early = 0;
    for (let i = 0; i < 2_000; i++) if (sightings.seenBefore(key(i))) early++;
    expect(early).toBe(0);
    // Each slot remembers the last key it saw: asked latest first, every occupied slot admits
    // exactly once, and the keys it forgot only wait for one more sighting.
    const slots = new Set<number>();
    for (let i = 0; i < 2_000; i++) {
      slots.add((key(i).charCodeAt(0) | (key(i).charCodeAt(1) << 8)) & 4095);
    }
    let remembered = 0;
    for (let i = 1_999; i >= 0; i--) if (sightings.seenBefore(key(i))) remembered++;
    expect(remembered).toBe(slots.size);
    expect(remembered).toBeGreaterThan(1_500);
    expect(sightings.seenBefore(keyOf('never offered'))).toBe(false);
  });
});
