const FOLLOWED_PROTOCOLS: readonly string[] = ['http:', 'https:'];

/**
 * The URL a Markdown link may point to, or null when it must stay text: only absolute `http:` and
 * `https:` URLs, judged after the browser's own URL parsing (which drops tabs and newlines, folds
 * case and resolves escapes — `java\tscript:` and `JAVASCRIPT:` are `javascript:` to it). A
 * relative URL has no base here (it would resolve against this app, a page the answer does not
 * know), so it stays text too.
 */
export function followableUrl(href: string): string | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  return FOLLOWED_PROTOCOLS.includes(url.protocol) ? url.href : null;
}
