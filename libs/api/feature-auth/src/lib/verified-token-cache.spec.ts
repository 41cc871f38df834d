import { createHash } from 'node:crypto';
import { SecondSighting, VerifiedTokenCache } from './verified-token-cache';

describe('VerifiedTokenCache', () => {
  let clock = 1_000_000_000;
  const cache = () =>
    new VerifiedTokenCache<string>({ maxEntries: 3, clockToleranceS: 30, now: () => clock });

  it('keys by a hash of the whole token: any changed character is another key', () => {
    expect(VerifiedTokenCache.keyOf('a.b.c')).not.toBe(VerifiedTokenCache.keyOf('a.b.d'));
    expect(Buffer.from(VerifiedTokenCache.keyOf('a.b.c'), 'latin1')).toEqual(
      createHash('sha256').update('a.b.c').digest(),
    );
  });

  it('never serves an entry past exp + leeway', () => {
    const entries = cache();
    entries.set('k', { value: 'v', exp: clock / 1000 + 60, kid: 'a' });
    expect(entries.get('k')).toBe('v');
    clock += 90_000;
    expect(entries.get('k')).toBe('v');
    clock += 1_000;
    expect(entries.get('k')).toBeUndefined();
    expect(entries.size).toBe(0);
  });

  it('is bounded and evicts the least recently used', () => {
    const entries = cache();
    const exp = clock / 1000 + 300;
    for (const key of ['a', 'b', 'c']) entries.set(key, { value: key, exp, kid: 'k' });
    entries.get('a');
    entries.set('d', { value: 'd', exp, kid: 'k' });
    expect(entries.size).toBe(3);
    expect(entries.get('b')).toBeUndefined();
    expect(entries.get('a')).toBe('a');
  });

  it('drops the entries of keys that left the set', () => {
    const entries = cache();
    const exp = clock / 1000 + 300;
    entries.set('a', { value: 'a', exp, kid: 'old' });
    entries.set('b', { value: 'b', exp, kid: 'new' });
    entries.invalidateKids(new Set(['old']));
    expect(entries.get('a')).toBeUndefined();
    expect(entries.get('b')).toBe('b');
  });

  describe('per-presenter memory (a connection presenting its token again)', () => {
    const exp = () => clock / 1000 + 300;
    const vouched = (entries: VerifiedTokenCache<string>, presenter: object, token: string) => {
      entries.set(VerifiedTokenCache.keyOf(token), { value: token, exp: exp(), kid: 'k' });
      expect(entries.get(VerifiedTokenCache.keyOf(token), { presenter, token })).toBe(token);
    };

    it('serves the same token again to the same presenter only', () => {
      const entries = cache();
      const connection = {};
      expect(entries.getForPresenter(connection, 'a.b.c')).toBeUndefined();
      vouched(entries, connection, 'a.b.c');
      expect(entries.getForPresenter(connection, 'a.b.c')).toBe('a.b.c');
      expect(entries.getForPresenter({}, 'a.b.c')).toBeUndefined();
    });

    it('forgets at the first other token, so the remembered one is compared only once', () => {
      const entries = cache();
      const connection = {};
      vouched(entries, connection, 'a.b.c');
      expect(entries.getForPresenter(connection, 'a.b.d')).toBeUndefined();
      expect(entries.getForPresenter(connection, 'a.b.c')).toBeUndefined();
      // The shared entry is still there for a lookup by hash.
      expect(entries.get(VerifiedTokenCache.keyOf('a.b.c'))).toBe('a.b.c');
    });

    it('never serves past exp + leeway', () => {
      const entries = cache();
      const connection = {};
      vouched(entries, connection, 'a.b.c');
      clock += 330_000;
      expect(entries.getForPresenter(connection, 'a.b.c')).toBe('a.b.c');
      clock += 1_000;
      expect(entries.getForPresenter(connection, 'a.b.c')).toBeUndefined();
    });

    it('is void once keys leave the set, even for an entry the LRU already evicted', () => {
      const entries = cache();
      const connection = {};
      vouched(entries, connection, 'a.b.c');
      for (const token of ['x', 'y', 'z']) {
        entries.set(VerifiedTokenCache.keyOf(token), { value: token, exp: exp(), kid: 'k' });
      }
      expect(entries.get(VerifiedTokenCache.keyOf('a.b.c'))).toBeUndefined();
      expect(entries.getForPresenter(connection, 'a.b.c')).toBe('a.b.c');
      entries.invalidateKids(new Set(['some-other-kid']));
      expect(entries.getForPresenter(connection, 'a.b.c')).toBeUndefined();
    });

    it('remembers nothing for failures or plain lookups', () => {
      const entries = cache();
      const connection = {};
      expect(
        entries.get(VerifiedTokenCache.keyOf('a.b.c'), { presenter: connection, token: 'a.b.c' }),
      ).toBeUndefined();
      entries.set(VerifiedTokenCache.keyOf('a.b.c'), { value: 'a.b.c', exp: exp(), kid: 'k' });
      expect(entries.get(VerifiedTokenCache.keyOf('a.b.c'))).toBe('a.b.c');
      expect(entries.getForPresenter(connection, 'a.b.c')).toBeUndefined();
    });
  });

  describe('admission on second sighting', () => {
    const admitting = () =>
      new VerifiedTokenCache<string>({
        maxEntries: 3,
        clockToleranceS: 30,
        admitOnSecondSighting: true,
        now: () => clock,
      });
    const entry = (value: string) => ({ value, exp: clock / 1000 + 300, kid: 'k' });

    it('stores a result the second time it is offered, not the first', () => {
      const entries = admitting();
      const key = VerifiedTokenCache.keyOf('a.b.c');
      expect(entries.set(key, entry('first'))).toBe(false);
      expect(entries.get(key)).toBeUndefined();
      expect(entries.set(key, entry('second'))).toBe(true);
      expect(entries.get(key)).toBe('second');
    });

    it('a stream of tokens offered once each leaves the cached ones in place', () => {
      const entries = admitting();
      const kept = VerifiedTokenCache.keyOf('kept');
      entries.set(kept, entry('kept'));
      entries.set(kept, entry('kept'));
      for (let i = 0; i < 10_000; i++) {
        expect(entries.set(VerifiedTokenCache.keyOf(`once-${i}`), entry('once'))).toBe(false);
      }
      expect(entries.size).toBe(1);
      expect(entries.get(kept)).toBe('kept');
    });
  });
});

describe('SecondSighting', () => {
  const key = (i: number) => VerifiedTokenCache.keyOf(`token-${i}`);

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
    expect(sightings.seenBefore(VerifiedTokenCache.keyOf('never offered'))).toBe(false);
  });
});
