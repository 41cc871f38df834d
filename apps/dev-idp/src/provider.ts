import Provider, { errors, type Adapter, type Configuration, type JWKS } from 'oidc-provider';
import { cliClient, WEB_CLIENT_ID, webClient } from './clients';
import type { DevIdpConfig } from './config';
import { logoutSource, postLogoutSuccessSource, renderError } from './provider-pages';
import { refreshTokenTtl } from './refresh-token-lifetime';
import { findUserBySub } from './users';

/** The resource indicator of the API; access tokens for it carry `aud: oracle-ai-api`. */
export const API_RESOURCE = 'urn:oracle-ai:api';
export const API_AUDIENCE = 'oracle-ai-api';

export interface ProviderOptions {
  config: DevIdpConfig;
  jwks: JWKS;
  /** Keys signing the provider's cookies; kept across key rotations so sessions survive. */
  cookieKeys: string[];
  /** Storage shared by the provider instances of one server (see memory-adapter.ts). */
  adapter: (model: string) => Adapter;
  /** 32 bytes for DPoP nonces, kept across key rotations so handed-out nonces stay valid. */
  dpopNonceSecret: Buffer;
}

const HOUR_S = 60 * 60;

export function createProvider({
  config,
  jwks,
  cookieKeys,
  adapter,
  dpopNonceSecret,
}: ProviderOptions): Provider {
  const configuration: Configuration = {
    adapter,
    clients: [webClient(config.webOrigins, { dpop: config.dpop }), cliClient()],
    jwks,
    cookies: { keys: cookieKeys },
    scopes: ['openid', 'profile', 'email', 'offline_access'],
    // `groups` rides with `profile` because the SPA asks only for `openid profile email`.
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username', 'groups'],
      email: ['email', 'email_verified'],
    },
    // The API audience makes the userinfo endpoint refuse the access token, so the SPA reads the
    // profile from the ID token: put the scope's claims there even in the code flow.
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    async findAccount(_ctx, sub) {
      const user = findUserBySub(sub);
      if (!user) {
        return undefined;
      }
      return {
        accountId: user.sub,
        claims: () => ({
          sub: user.sub,
          preferred_username: user.username,
          name: user.name,
          email: user.email,
          email_verified: true,
          groups: user.groups,
        }),
      };
    },
    extraTokenClaims(_ctx, token) {
      const user =
        token.kind === 'AccessToken' && token.accountId
          ? findUserBySub(token.accountId)
          : undefined;
      return user ? { preferred_username: user.username, groups: user.groups } : undefined;
    },
    // A refresh token without offline_access, bound to the OP session: it dies at logout.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // On every use, DPoP-bound or not: oidc-provider's default rotates a sender-constrained
    // refresh token only once 70 % of its life has passed, and so would let a used one be reused.
    rotateRefreshToken: () => true,
    clientBasedCORS: (_ctx, origin, client) =>
      client.clientId === WEB_CLIENT_ID && config.webOrigins.includes(origin),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    ttl: {
      AccessToken: config.accessTokenTtlS,
      AuthorizationCode: 60,
      IdToken: HOUR_S,
      // Also for DPoP-bound tokens, which oidc-provider's default gives 14 days on every rotation.
      RefreshToken: refreshTokenTtl(config.refreshTokenMaxLifetimeS),
      Interaction: HOUR_S,
      Session: 8 * HOUR_S,
      Grant: 8 * HOUR_S,
    },
    renderError,
    features: {
      // The built-in login accepts any password and loads web fonts: interactions.ts replaces it.
      devInteractions: { enabled: false },
      // RFC 9449. Binds tokens to the key of the proof sent with the token request (the SPA's must
      // carry one, see clients.ts), the authorization code to `dpop_jkt` when the request names
      // one, and a public client's refresh token to the key its first access token was bound to.
      dPoP: config.dpop
        ? {
            enabled: true,
            ...(config.dpopNonce && { nonceSecret: dpopNonceSecret, requireNonce: () => true }),
          }
        : { enabled: false },
      // RFC 7009 §2.1: a client revokes only its own tokens (the SPA's at logout).
      revocation: {
        enabled: true,
        allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId,
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo(_ctx, resourceIndicator) {
          if (resourceIndicator !== API_RESOURCE) {
            throw new errors.InvalidTarget();
          }
          return {
            scope: 'api',
            audience: API_AUDIENCE,
            accessTokenFormat: 'jwt',
            accessTokenTTL: config.accessTokenTtlS,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
    },
  };

  const provider = new Provider(config.issuer, configuration);
  provider.on('server_error', (_ctx, error) => console.error('dev-idp: server error', error));
  return provider;
}
