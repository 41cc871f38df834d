import {
  boolean,
  ConfigError,
  integer,
  isHostName,
  list,
  onOff,
  optional,
  port,
  quoted,
  type Env,
} from '@oracle-ai/shared/util-env';

export interface DevIdpConfig {
  port: number;
  issuer: string;
  webOrigins: string[];
  accessTokenTtlS: number;
  /** How long refresh tokens live, from the grant's first one; rotation does not extend it. */
  refreshTokenMaxLifetimeS: number;
  /** DPoP (RFC 9449): on, the SPA client must bind its tokens to a key; off, nothing is bound. */
  dpop: boolean;
  /** DPoP proofs must carry a nonce of the IdP's (RFC 9449 §8); needs `dpop`. */
  dpopNonce: boolean;
  enableTestEndpoints: boolean;
}

const DEFAULT_PORT = 4400;
const DEFAULT_ACCESS_TOKEN_TTL_S = 300;
/** A working day: RFC 10017 §6.3.2.3's "absolute lifetime", at most the IdP session's 8 hours. */
const DEFAULT_REFRESH_TOKEN_MAX_LIFETIME_S = 8 * 60 * 60;
const ONE_DAY_S = 24 * 60 * 60;

/**
 * Reads the dev IdP's variables (`@oracle-ai/shared/util-env`: a refusal is one line naming the
 * variable, its value quoted). Throws {@link ConfigError}; main.ts prints it and exits 1.
 */
export function loadDevIdpConfig(env: Env): DevIdpConfig {
  if (env['NODE_ENV'] === 'production') {
    throw new ConfigError(
      'NODE_ENV',
      'is production: the dev IdP has seeded users with known passwords and is for development and tests only; refusing to start',
    );
  }
  const listenPort = port(env, 'PORT', DEFAULT_PORT);
  const dpop = onOff(env, 'DEV_IDP_DPOP', true);
  const dpopNonce = onOff(env, 'DEV_IDP_DPOP_NONCE', false);
  if (dpopNonce && !dpop) {
    throw new ConfigError('DEV_IDP_DPOP_NONCE', 'is on, which needs DEV_IDP_DPOP=on');
  }
  return {
    port: listenPort,
    issuer: httpOrigin(
      'DEV_IDP_ISSUER',
      optional(env, 'DEV_IDP_ISSUER') ?? `http://localhost:${listenPort}`,
    ),
    webOrigins: list(env, 'DEV_IDP_WEB_ORIGINS', 'http://localhost:4200').map((origin) =>
      httpOrigin('DEV_IDP_WEB_ORIGINS', origin),
    ),
    accessTokenTtlS: integer(
      env,
      'DEV_IDP_ACCESS_TOKEN_TTL_S',
      DEFAULT_ACCESS_TOKEN_TTL_S,
      1,
      ONE_DAY_S,
    ),
    refreshTokenMaxLifetimeS: integer(
      env,
      'DEV_IDP_REFRESH_TOKEN_MAX_LIFETIME_S',
      DEFAULT_REFRESH_TOKEN_MAX_LIFETIME_S,
      1,
      ONE_DAY_S,
    ),
    dpop,
    dpopNonce,
    enableTestEndpoints: boolean(env, 'DEV_IDP_ENABLE_TEST_ENDPOINTS', false),
  };
}

/**
 * An http(s) origin, written without a path (a trailing slash is tolerated): the issuer, because
 * the provider's routes are mounted at the server root; a SPA origin, because redirect URIs and
 * CORS are built from it. Plain http anywhere: this server is never deployed.
 */
function httpOrigin(name: string, raw: string): string {
  const url = URL.parse(raw);
  if (
    url === null ||
    !['http:', 'https:'].includes(url.protocol) ||
    url.origin !== raw.replace(/\/$/, '').toLowerCase() ||
    !isHostName(url.hostname)
  ) {
    throw new ConfigError(
      name,
      `must be an http(s) origin without a path, e.g. http://localhost:4400 (got ${quoted(raw)})`,
    );
  }
  return url.origin;
}
