const PROBE_ORIGIN = 'https://return-url.invalid';
const MAX_LENGTH = 2048;

/**
 * Accepts only a path inside this app (`/chat?x=1#y`) and returns it unchanged; anything that a
 * browser could resolve to another origin or a script (`//evil.com`, `/\evil`, `https:`,
 * `javascript:`, control characters) gives `null`. The value travels through the IdP in `state`,
 * so it is attacker-controlled by the time it comes back.
 */
export function toSafeReturnUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return null;
  if (!value.startsWith('/') || value.startsWith('//')) return null;
  // Browsers treat "\" as "/" and drop tabs/newlines, so "/\evil.com" and "/\t/evil.com" escape.
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return null;
  let parsed: URL;
  try {
    parsed = new URL(value, PROBE_ORIGIN);
  } catch {
    return null;
  }
  if (parsed.origin !== PROBE_ORIGIN) return null;
  // Coming back to the callback would process a stale code; the landing route decides instead.
  if (parsed.pathname.startsWith('/auth/callback')) return null;
  return value;
}
