/**
 * Decides whether a request URL targets the API, i.e. whether it may carry the bearer token.
 * Parsing with `URL` (rather than string prefixes) makes look-alike hosts
 * (`api.example.com.evil.io`), other ports/schemes and `user@host` tricks fail the origin check.
 */
export function isApiUrl(
  requestUrl: string,
  apiBaseUrl: string,
  appOrigin: string,
  excludedUrls: readonly string[] = [],
): boolean {
  const target = parse(requestUrl, appOrigin);
  const api = parse(apiBaseUrl);
  if (!target || !api) return false;
  if (target.username || target.password) return false;
  if (!matchesPrefix(target, api)) return false;
  // Never hand the API token to the IdP, even when both share an origin and path prefix.
  return !excludedUrls.some((excluded) => {
    const idpUrl = parse(excluded);
    return idpUrl !== null && matchesPrefix(target, idpUrl);
  });
}

function parse(url: string, base?: string): URL | null {
  try {
    return new URL(url, base);
  } catch {
    return null;
  }
}

function matchesPrefix(target: URL, base: URL): boolean {
  if (target.origin !== base.origin) return false;
  const basePath = base.pathname.replace(/\/+$/, '');
  return (
    basePath === '' || target.pathname === basePath || target.pathname.startsWith(basePath + '/')
  );
}
