/**
 * Text from elsewhere (an IdP's `error_description`, an API's error message, a URL the user typed)
 * as one terminal line may show it: control characters, which could move the cursor or rewrite
 * what the user sees, become a space, and the length is capped.
 */
export function printable(text: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
