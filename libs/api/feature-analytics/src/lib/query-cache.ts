interface Entry<T> {
  promise: Promise<T>;
  /** Until when a settled answer is served; Infinity while it is pending. */
  expiresAt: number;
}

/**
 * A short cache of identical queries: the same key within `ttlMs` of an answer gets that answer,
 * and while a query is pending every identical request waits for it (one query, not N). Failures
 * are not kept. At most `maxEntries`, the least recently used dropped first.
 */
export class QueryCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const cached = this.entries.get(key);
    if (cached !== undefined && cached.expiresAt > this.now()) {
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached.promise;
    }
    const entry: Entry<T> = { promise: load(), expiresAt: Infinity };
    this.entries.set(key, entry);
    entry.promise.then(
      () => {
        entry.expiresAt = this.now() + this.ttlMs;
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return entry.promise;
  }
}
