/**
 * The page that waits out an unavailable API, then returns to `returnUrl`; `retryAfterS` is the
 * API's `Retry-After` when it sent one. Read back by the page from `?returnUrl=&retryAfter=`.
 */
export function serviceUnavailableUrl(returnUrl: string, retryAfterS?: number): string {
  const query = new URLSearchParams({ returnUrl });
  if (retryAfterS !== undefined) query.set('retryAfter', String(retryAfterS));
  return `/service-unavailable?${query.toString()}`;
}
