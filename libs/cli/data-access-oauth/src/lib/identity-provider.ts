import * as client from 'openid-client';
import { printable } from '@oracle-ai/cli/util-messages';
import { isLoopbackHost, quoted } from '@oracle-ai/shared/util-env';
import { DPOP_ALGORITHM, type DpopKey } from './dpop-key';
import { describeOAuthFailure, OAuthError } from './oauth-error';
import { toTokenSet, type TokenSet } from './token-set';

/** Each call to the IdP (discovery, token, revocation) must answer within this. */
export const IDP_TIMEOUT_S = 15;

/**
 * The IdP as discovered from its issuer (OpenID Connect Discovery, issuer checked by
 * openid-client), for a public client: no secret, `token_endpoint_auth_method=none`.
 */
export class IdentityProvider {
  private constructor(
    /** openid-client's configuration; the sign-in flow builds its requests from it. */
    readonly config: client.Configuration,
  ) {}

  static async discover(issuer: string, clientId: string): Promise<IdentityProvider> {
    const url = checkedUrl(issuer, 'the issuer');
    let config: client.Configuration;
    try {
      config = await client.discovery(url, clientId, undefined, client.None(), {
        execute: url.protocol === 'http:' ? [client.allowInsecureRequests] : [],
        timeout: IDP_TIMEOUT_S,
      });
    } catch (error) {
      throw describeOAuthFailure(`the IdP at ${issuer}`, error);
    }
    config.timeout = IDP_TIMEOUT_S;
    return new IdentityProvider(config);
  }

  get issuer(): string {
    return this.config.serverMetadata().issuer;
  }

  get clientId(): string {
    return this.config.clientMetadata().client_id;
  }

  /** Whether the IdP signs DPoP proofs with ES256, the algorithm of our keys. */
  supportsDpop(): boolean {
    return (
      this.config.serverMetadata().dpop_signing_alg_values_supported?.includes(DPOP_ALGORITHM) ??
      false
    );
  }

  /** Whether the IdP lists `scope` among its scopes (an IdP that lists none is assumed to). */
  supportsScope(scope: string): boolean {
    return this.config.serverMetadata().scopes_supported?.includes(scope) ?? true;
  }

  dpopHandle(key: DpopKey | undefined): { DPoP: client.DPoPHandle } | undefined {
    return key && { DPoP: client.getDPoPHandle(this.config, key.pair) };
  }

  /**
   * Redeems the refresh token. An `invalid_grant` means the session is over (expired, revoked,
   * or reused elsewhere) and is reported as `ERR_SESSION_ENDED`. The IdP may or may not rotate
   * it: without a new one in the answer, the old one stays (RFC 6749 §6).
   */
  async refresh(refreshToken: string, dpopKey?: DpopKey): Promise<TokenSet> {
    let response: Awaited<ReturnType<typeof client.refreshTokenGrant>>;
    try {
      response = await client.refreshTokenGrant(
        this.config,
        refreshToken,
        undefined,
        this.dpopHandle(dpopKey),
      );
    } catch (error) {
      if (error instanceof client.ResponseBodyError && error.error === 'invalid_grant') {
        throw new OAuthError(
          'ERR_SESSION_ENDED',
          `the IdP ended this session (${printable(error.error_description ?? 'invalid_grant')}): run \`oracle-ai login\` again`,
        );
      }
      throw describeOAuthFailure(`the IdP at ${this.issuer}`, error);
    }
    const tokens = toTokenSet(response, Date.now());
    return { ...tokens, refreshToken: tokens.refreshToken ?? refreshToken };
  }

  /** Whether {@link revoke} can do anything here. */
  canRevoke(): boolean {
    return this.config.serverMetadata().revocation_endpoint !== undefined;
  }

  /** RFC 7009: asks the IdP to revoke the refresh token (and, with it, the grant). */
  async revoke(refreshToken: string): Promise<void> {
    try {
      await client.tokenRevocation(this.config, refreshToken, {
        token_type_hint: 'refresh_token',
      });
    } catch (error) {
      throw describeOAuthFailure(`revocation at ${this.issuer}`, error);
    }
  }
}

/**
 * An absolute URL that tokens may be sent to: https, or plain http to this machine only (the dev
 * IdP, the dev API). Anything else would put tokens on the network in the clear.
 */
export function checkedUrl(value: string, what: string): URL {
  const url = URL.parse(value);
  if (url === null || !['http:', 'https:'].includes(url.protocol)) {
    throw new OAuthError(
      'ERR_OAUTH_CONFIGURATION',
      `${what} must be an http(s) URL, got ${quoted(value)}`,
    );
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new OAuthError(
      'ERR_OAUTH_CONFIGURATION',
      `${what} must use https (http only for localhost), got ${quoted(value)}`,
    );
  }
  if (url.username || url.password || url.hash) {
    throw new OAuthError(
      'ERR_OAUTH_CONFIGURATION',
      `${what} must not carry credentials or a fragment, got ${quoted(value)}`,
    );
  }
  return url;
}
