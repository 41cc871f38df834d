/**
 * The `htu` of a proof for a request to `url` (RFC 9449 §4.2): the absolute URL without query and
 * fragment, relative URLs resolved against `base` (the page's origin).
 */
export function proofHtu(url: string, base: string): string {
  const target = new URL(url, base);
  target.search = '';
  target.hash = '';
  return target.href;
}
