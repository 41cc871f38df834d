import { QueryCache } from './query-cache';

describe('QueryCache', () => {
  let now = 0;
  const clock = () => now;

  beforeEach(() => {
    now = 1_000;
  });

  it('asks once for identical keys in flight, and serves the answer until it expires', async () => {
    const cache = new QueryCache<number>(10_000, 10, clock);
    let calls = 0;
    const load = () => new Promise<number>((resolve) => setTimeout(() => resolve(++calls), 10));
    const [a, b] = await Promise.all([cache.get('q', load), cache.get('q', load)]);
    expect([a, b, calls]).toEqual([1, 1, 1]);
    now += 9_999;
    expect(await cache.get('q', load)).toBe(1);
    now += 2;
    expect(await cache.get('q', load)).toBe(2);
    expect(await cache.get('other', load)).toBe(3);
  });

  it('keeps no failure: the next request asks again', async () => {
    const cache = new QueryCache<number>(10_000, 10, clock);
    await expect(cache.get('q', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('q', () => Promise.resolve(7))).toBe(7);
  });

  it('drops the least recently used entry beyond its size', async () => {
    const cache = new QueryCache<string>(10_000, 2, clock);
    await cache.get('a', async () => 'a1');
    await cache.get('b', async () => 'b1');
    await cache.get('a', async () => 'a2');
    await cache.get('c', async () => 'c1');
    expect(await cache.get('a', async () => 'a3')).toBe('a1');
    expect(await cache.get('b', async () => 'b2')).toBe('b2');
  });
});
