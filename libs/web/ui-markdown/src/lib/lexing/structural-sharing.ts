/**
 * Returns `next`, except that every part of it equal to the part of `previous` at the same place
 * is `previous`'s object: a token that did not change keeps its identity, so the view that renders
 * it (tracked by identity) is kept as it is instead of being rebuilt. One walk of `next`; objects
 * are copied only where old and new parts mix.
 */
export function shareUnchanged<T>(previous: unknown, next: T): T {
  if (previous === next) return next;
  if (Array.isArray(next)) {
    if (!Array.isArray(previous)) return next;
    const kept = next.map((item, index) => shareUnchanged(previous[index], item));
    return pick(kept, previous, next, previous.length === next.length);
  }
  if (isPlainObject(next)) {
    if (!isPlainObject(previous)) return next;
    const keys = Object.keys(next);
    const kept: Record<string, unknown> = {};
    for (const key of keys) kept[key] = shareUnchanged(previous[key], next[key]);
    const sameKeys =
      keys.length === Object.keys(previous).length &&
      keys.every((key) => Object.hasOwn(previous, key));
    return pick(kept, previous, next, sameKeys);
  }
  return next;
}

/** `previous` when every part was kept from it, `next` when none was, else the mix. */
function pick<T>(kept: object, previous: object, next: T, sameShape: boolean): T {
  const parts = Object.entries(kept) as [keyof object, unknown][];
  if (sameShape && parts.every(([key, value]) => value === previous[key])) return previous as T;
  if (parts.every(([key, value]) => value === (next as Record<string, unknown>)[key])) return next;
  return kept as T;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
