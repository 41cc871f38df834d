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

/** A bad environment: main.ts prints the message and exits 1. */
export class DevIdpConfigError extends Error {
  override readonly name = 'DevIdpConfigError';
}

const DEFAULT_PORT = 4400;
const DEFAULT_ACCESS_TOKEN_TTL_S = 300;
/** A working day: RFC 10017 §6.3.2.3's "absolute lifetime", at most the IdP session's 8 hours. */
const DEFAULT_REFRESH_TOKEN_MAX_LIFETIME_S = 8 * 60 * 60;

export function loadDevIdpConfig(env: NodeJS.ProcessEnv): DevIdpConfig {
  if (env['NODE_ENV'] === 'production') {
    throw new DevIdpConfigError(
      'refusing to start with NODE_ENV=production: the dev IdP has seeded users with known passwords and is for development and tests only',
    );
  }
  const port = parseInteger(env, 'PORT', DEFAULT_PORT, { min: 1, max: 65535 });
  const dpop = parseSwitch(env, 'DEV_IDP_DPOP', true);
  const dpopNonce = parseSwitch(env, 'DEV_IDP_DPOP_NONCE', false);
  if (dpopNonce && !dpop) {
    throw new DevIdpConfigError('DEV_IDP_DPOP_NONCE=on needs DEV_IDP_DPOP=on');
  }
  return {
    port,
    issuer: parseIssuer(env['DEV_IDP_ISSUER'] || `http://localhost:${port}`),
    webOrigins: parseOrigins(env['DEV_IDP_WEB_ORIGINS'] || 'http://localhost:4200'),
    accessTokenTtlS: parseInteger(env, 'DEV_IDP_ACCESS_TOKEN_TTL_S', DEFAULT_ACCESS_TOKEN_TTL_S, {
      min: 1,
      max: 24 * 60 * 60,
    }),
    refreshTokenMaxLifetimeS: parseInteger(
      env,
      'DEV_IDP_REFRESH_TOKEN_MAX_LIFETIME_S',
      DEFAULT_REFRESH_TOKEN_MAX_LIFETIME_S,
      { min: 1, max: 24 * 60 * 60 },
    ),
    dpop,
    dpopNonce,
    enableTestEndpoints: parseBoolean(env, 'DEV_IDP_ENABLE_TEST_ENDPOINTS'),
  };
}

function parseInteger(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  { min, max }: { min: number; max: number },
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new DevIdpConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function parseBoolean(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '' || raw === 'false') {
    return false;
  }
  if (raw === 'true') {
    return true;
  }
  throw new DevIdpConfigError(`${name} must be "true" or "false", got "${raw}"`);
}

function parseSwitch(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  if (raw === 'on' || raw === 'off') {
    return raw === 'on';
  }
  throw new DevIdpConfigError(`${name} must be "on" or "off", got "${raw}"`);
}

// The provider's routes are mounted at the server root, so the issuer cannot carry a path.
function parseIssuer(raw: string): string {
  const url = URL.parse(raw);
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.pathname !== '/' || url.search) {
    throw new DevIdpConfigError(
      `DEV_IDP_ISSUER must be an http(s) origin without a path, e.g. http://localhost:4400, got "${raw}"`,
    );
  }
  return url.origin;
}

function parseOrigins(raw: string): string[] {
  const origins = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const url = URL.parse(entry);
      if (
        !url ||
        !['http:', 'https:'].includes(url.protocol) ||
        url.origin !== entry.replace(/\/$/, '')
      ) {
        throw new DevIdpConfigError(
          `DEV_IDP_WEB_ORIGINS must list origins like http://localhost:4200, got "${entry}"`,
        );
      }
      return url.origin;
    });
  if (origins.length === 0) {
    throw new DevIdpConfigError('DEV_IDP_WEB_ORIGINS must list at least one origin');
  }
  return origins;
}
