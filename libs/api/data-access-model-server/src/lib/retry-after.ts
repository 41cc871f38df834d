/** Longest back-off passed on from a model server: beyond it a client should just ask later. */
const MAX_RETRY_AFTER_S = 300;

/**
 * Seconds a `Retry-After` value asks for (RFC 9110 §10.2.3: delay-seconds or an HTTP date), at
 * least 1 and at most {@link MAX_RETRY_AFTER_S}; undefined when absent or unreadable.
 */
export function retryAfterSeconds(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  let seconds: number;
  if (/^\d+$/.test(trimmed)) seconds = Number(trimmed);
  else {
    const date = Date.parse(trimmed);
    if (Number.isNaN(date)) return undefined;
    seconds = Math.ceil((date - now) / 1000);
  }
  return Math.min(Math.max(seconds, 1), MAX_RETRY_AFTER_S);
}
