import { HttpClient, HttpHeaders } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom, timeout } from 'rxjs';
import { RUNTIME_CONFIG } from '../runtime-config/runtime-config';
import { IdpDiscovery } from './idp-discovery';

/** Logout waits this long for the IdP at most: revocation must never hold the user back. */
export const REVOCATION_TIMEOUT_MS = 2_500;

export type RevocationOutcome = 'revoked' | 'failed' | 'not_offered';

/**
 * Revokes a refresh token at the IdP's `revocation_endpoint` (RFC 7009), as a public client
 * (`client_id`, no secret), so that a copy taken before logout stops working even where the IdP
 * keeps refresh tokens alive beyond its session. Best effort: never throws, gives up after
 * `REVOCATION_TIMEOUT_MS`, and without an advertised endpoint does nothing.
 */
@Injectable({ providedIn: 'root' })
export class RefreshTokenRevocation {
  private readonly http = inject(HttpClient);
  private readonly discovery = inject(IdpDiscovery);
  private readonly clientId = inject(RUNTIME_CONFIG).clientId;

  async revoke(refreshToken: string | null): Promise<RevocationOutcome> {
    const endpoint = this.discovery.metadata()?.['revocation_endpoint'];
    if (!refreshToken || !isTlsOrLocalhost(endpoint)) return 'not_offered';
    // URLSearchParams encodes `+`, `/` and `=` in tokens; Angular's HttpParams would not.
    const body = new URLSearchParams({
      token: refreshToken,
      token_type_hint: 'refresh_token',
      client_id: this.clientId,
    }).toString();
    // A CORS-safelisted content type: a simple request, no preflight.
    const headers = new HttpHeaders({ 'Content-Type': 'application/x-www-form-urlencoded' });
    try {
      // RFC 7009 §2.2: the body of a 200 carries nothing; do not parse it.
      await firstValueFrom(
        this.http
          .post(endpoint, body, { headers, responseType: 'text' })
          .pipe(timeout(REVOCATION_TIMEOUT_MS)),
      );
      return 'revoked';
    } catch {
      return 'failed';
    }
  }
}

function isTlsOrLocalhost(endpoint: unknown): endpoint is string {
  if (typeof endpoint !== 'string') return false;
  try {
    const { protocol, hostname } = new URL(endpoint);
    return protocol === 'https:' || (protocol === 'http:' && hostname === 'localhost');
  } catch {
    return false;
  }
}
