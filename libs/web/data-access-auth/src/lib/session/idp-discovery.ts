import { computed, inject, Injectable, signal } from '@angular/core';
import { OAuthService } from 'angular-oauth2-oidc';
import { RUNTIME_CONFIG } from '../runtime-config/runtime-config';

/** Discovery fields that name an endpoint of the IdP. */
const ENDPOINT_FIELDS = [
  'authorization_endpoint',
  'token_endpoint',
  'end_session_endpoint',
  'userinfo_endpoint',
  'revocation_endpoint',
  'introspection_endpoint',
  'jwks_uri',
];

export type IdpMetadata = Readonly<Record<string, unknown>>;

/**
 * The IdP's discovery document (`<issuer>/.well-known/openid-configuration`), loaded through the
 * OAuth client once per page; a failed load is tried again by the next caller. A document that
 * names another issuer than the configured one, byte for byte, is refused.
 */
@Injectable({ providedIn: 'root' })
export class IdpDiscovery {
  private readonly oauth = inject(OAuthService);
  private readonly issuer = inject(RUNTIME_CONFIG).issuer;

  private readonly _metadata = signal<IdpMetadata | null>(null);
  private loading: Promise<void> | null = null;

  /** The accepted discovery document; `null` until loaded. */
  readonly metadata = this._metadata.asReadonly();
  /** The IdP's own endpoint URLs; empty until loaded. */
  readonly endpoints = computed(() => endpointsOf(this._metadata()));

  load(): Promise<void> {
    this.loading ??= this.oauth
      .loadDiscoveryDocument()
      .then((event) => {
        const metadata = asMetadata(event.info?.discoveryDocument);
        if (metadata['issuer'] !== this.issuer) {
          throw new Error('The discovery document names another issuer');
        }
        this._metadata.set(metadata);
      })
      .catch((error: unknown) => {
        this.loading = null;
        throw error;
      });
    return this.loading;
  }
}

function asMetadata(document: unknown): IdpMetadata {
  return typeof document === 'object' && document !== null ? (document as IdpMetadata) : {};
}

function endpointsOf(metadata: IdpMetadata | null): string[] {
  if (!metadata) return [];
  return ENDPOINT_FIELDS.map((field) => metadata[field]).filter(
    (value): value is string => typeof value === 'string' && value !== '',
  );
}
