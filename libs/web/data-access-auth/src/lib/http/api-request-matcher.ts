import { DOCUMENT } from '@angular/common';
import { inject, Injectable } from '@angular/core';
import { RUNTIME_CONFIG } from '../runtime-config/runtime-config';
import { IdpDiscovery } from '../session/idp-discovery';

/**
 * The one answer to "may a request to this URL carry the access token?": only when it goes to
 * the configured API, and never when it goes to the IdP (the issuer or a discovered endpoint).
 */
@Injectable({ providedIn: 'root' })
export class ApiRequestMatcher {
  private readonly config = inject(RUNTIME_CONFIG);
  private readonly discovery = inject(IdpDiscovery);
  private readonly document = inject(DOCUMENT);

  matches(url: string): boolean {
    const { issuer, apiBaseUrl } = this.config;
    const origin = this.document.location.origin;
    // Everything under the issuer is the IdP's, unless the API itself lives below it: then only
    // the discovery path and the discovered endpoints are.
    const issuerScope = isApiUrl(apiBaseUrl, issuer, origin) ? `${issuer}/.well-known/` : issuer;
    return isApiUrl(url, apiBaseUrl, origin, [issuerScope, ...this.discovery.endpoints()]);
  }
}

/**
 * Decides whether a request URL targets the API, i.e. whether it may carry the access token.
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
