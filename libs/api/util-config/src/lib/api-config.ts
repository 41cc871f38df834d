import { readFileSync } from 'node:fs';
import {
  ConfigError,
  fraction,
  httpsUrl,
  integer,
  list,
  listenHost,
  onOff,
  oneOf,
  optional,
  optionalHttpsUrl,
  port,
  quoted,
  type Env,
} from '@oracle-ai/shared/util-env';
import { loadAnalyticsConfig, type AnalyticsConfig } from './analytics-config';
import { loadChatConfig, type ChatConfig } from './chat-config';
import { loadDpopConfig, type DpopConfig } from './dpop-config';
import { SUPPORTED_ALGORITHMS, type SigningAlgorithm } from './signing-algorithms';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface AuthConfig {
  /** Exact `iss` value; discovery is read from `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  /** Accepted `aud` values (any one must be present in the token). */
  audiences: string[];
  /** Overrides the `jwks_uri` from discovery. */
  jwksUri?: string;
  /** Static JWK Set, already read and parsed: no network call to the IdP at all. */
  jwks?: { keys: unknown[] };
  algorithms: SigningAlgorithm[];
  clockToleranceS: number;
  /** Dot path of the claim holding groups, e.g. `groups` or `realm_access.roles`. */
  groupsClaim: string;
  /** Splits a string-valued groups claim (CA SiteMinder joins multi-valued attributes with `^`). */
  groupsDelimiter?: string;
  /** Any-of: needed for every `/api` route. */
  requiredGroups: string[];
  /** Any-of: needed for `/api/chat`. */
  chatGroups: string[];
  dpop: DpopConfig;
}

export interface ApiConfig {
  host: string;
  port: number;
  /**
   * The API's public base URL, as clients reach it (behind any proxy), without a trailing slash:
   * the RFC 9728 `resource` and the base of the metadata URL in every challenge.
   */
  publicUrl: string;
  /** Whether Swagger UI is served at `/docs`. */
  docs: boolean;
  auth: AuthConfig;
  corsOrigins: string[];
  logLevel: LogLevel;
  /** Prometheus `/metrics` on a listener of its own, never the public port; undefined = off. */
  metrics: { host: string; port: number } | undefined;
  /** From a stop signal to exit: readiness fails at once, in-flight requests drain within this. */
  shutdownGraceS: number;
  /** Idle keep-alive connections are kept this long: above the load balancer's own idle timeout. */
  keepAliveTimeoutS: number;
  loadShedding: LoadSheddingConfig;
  /** Figures for `/api/analytics`: where they are read, how long to wait, who sees which database. */
  analytics: AnalyticsConfig;
  chat: ChatConfig;
}

/** When the instance answers 503 `overloaded` instead of queueing more work; 0 turns a limit off. */
export interface LoadSheddingConfig {
  /** Mean event-loop delay over a sample, in ms. */
  maxEventLoopDelayMs: number;
  /** Event-loop utilization over a sample, 0–1. */
  maxEventLoopUtilization: number;
  /** `Retry-After` of the refusal. */
  retryAfterS: number;
}

/**
 * Reads and validates the API configuration from environment variables.
 * Throws {@link ConfigError} on the first missing or invalid value.
 */
export function loadApiConfig(env: Env = process.env): ApiConfig {
  const issuer = httpsUrl(env, 'AUTH_ISSUER');
  const jwksFile = optional(env, 'AUTH_JWKS_FILE');
  if (jwksFile !== undefined && optional(env, 'AUTH_JWKS_URI') !== undefined) {
    throw new ConfigError(
      'AUTH_JWKS_FILE',
      'and AUTH_JWKS_URI are both set: choose one source of signing keys',
    );
  }
  return {
    host: listenHost(env, 'HOST', '127.0.0.1'),
    port: port(env, 'PORT', 3000, { min: 0 }),
    publicUrl: publicUrl(env),
    docs: onOff(env, 'API_DOCS', false),
    auth: {
      issuer,
      audiences: list(env, 'AUTH_AUDIENCE', undefined),
      jwksUri: optionalHttpsUrl(env, 'AUTH_JWKS_URI'),
      jwks: jwksFile === undefined ? undefined : readJwksFile(jwksFile),
      algorithms: algorithms(env),
      clockToleranceS: integer(env, 'AUTH_CLOCK_TOLERANCE_S', 30, 0, 300),
      groupsClaim: groupsClaim(env),
      groupsDelimiter: optional(env, 'AUTH_GROUPS_DELIMITER', { trim: false }),
      requiredGroups: list(env, 'AUTH_REQUIRED_GROUPS', 'database'),
      chatGroups: list(env, 'AUTH_CHAT_GROUPS', 'oracle-ai-users,oracle-ai-admins'),
      dpop: loadDpopConfig(env),
    },
    corsOrigins: list(env, 'CORS_ORIGINS', 'http://localhost:4200').map((origin) =>
      corsOrigin(origin),
    ),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    metrics: metricsListener(env),
    shutdownGraceS: integer(env, 'SHUTDOWN_GRACE_S', 10, 1, 600),
    keepAliveTimeoutS: integer(env, 'HTTP_KEEP_ALIVE_TIMEOUT_S', 65, 1, 3600),
    loadShedding: {
      maxEventLoopDelayMs: integer(env, 'LOAD_SHED_MAX_EVENT_LOOP_DELAY_MS', 500, 0, 60_000),
      maxEventLoopUtilization: fraction(env, 'LOAD_SHED_MAX_EVENT_LOOP_UTILIZATION', 0),
      retryAfterS: integer(env, 'LOAD_SHED_RETRY_AFTER_S', 5, 1, 3600),
    },
    analytics: loadAnalyticsConfig(env),
    chat: loadChatConfig(env),
  };
}

/** `API_PUBLIC_URL`: like any URL here, https unless loopback; a path is kept, a trailing slash dropped. */
function publicUrl(env: Env): string {
  const name = 'API_PUBLIC_URL';
  const raw = httpsUrl(env, name, 'http://localhost:3000');
  if (new URL(raw).search !== '') {
    throw new ConfigError(name, `must not contain a query (got ${quoted(raw)})`);
  }
  return raw.replace(/\/+$/, '');
}

function algorithms(env: Env): SigningAlgorithm[] {
  const name = 'AUTH_ALGORITHMS';
  const values = list(env, name, 'RS256,PS256,ES256');
  for (const alg of values) {
    if (/^HS\d+$/i.test(alg) || alg.toLowerCase() === 'none') {
      throw new ConfigError(
        name,
        `must not contain ${quoted(alg)}: symmetric and unsigned tokens are refused (RFC 8725 §3.1)`,
      );
    }
    if (!(SUPPORTED_ALGORITHMS as readonly string[]).includes(alg)) {
      throw new ConfigError(
        name,
        `contains unsupported algorithm ${quoted(alg)} (supported: ${SUPPORTED_ALGORITHMS.join(', ')})`,
      );
    }
  }
  return values as SigningAlgorithm[];
}

function groupsClaim(env: Env): string {
  const name = 'AUTH_GROUPS_CLAIM';
  const value = optional(env, name) ?? 'groups';
  if (value.split('.').some((segment) => segment === '' || segment === '__proto__')) {
    throw new ConfigError(
      name,
      `must be a claim name or dot path such as realm_access.roles (got ${quoted(value)})`,
    );
  }
  return value;
}

function corsOrigin(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      'CORS_ORIGINS',
      `must list origins such as https://app.example.com (got ${quoted(raw)})`,
    );
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== raw) {
    throw new ConfigError(
      'CORS_ORIGINS',
      `must list exact origins (scheme://host[:port], no path or trailing slash; got ${quoted(raw)})`,
    );
  }
  return raw;
}

function readJwksFile(path: string): { keys: unknown[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(
      'AUTH_JWKS_FILE',
      `cannot be read as JSON: ${quoted((error as Error).message)}`,
    );
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new ConfigError(
      'AUTH_JWKS_FILE',
      `must hold a JWK Set ({"keys": [...]}) with at least one key (${quoted(path)})`,
    );
  }
  return { keys };
}

/** Off unless METRICS_PORT is set; a port of its own, so /metrics is never public by accident. */
function metricsListener(env: Env): ApiConfig['metrics'] {
  if (optional(env, 'METRICS_PORT') === undefined) {
    if (optional(env, 'METRICS_HOST') !== undefined)
      throw new ConfigError('METRICS_PORT', 'is required when METRICS_HOST is set');
    return undefined;
  }
  const metricsPort = port(env, 'METRICS_PORT', 0);
  if (metricsPort === port(env, 'PORT', 3000, { min: 0 })) {
    throw new ConfigError(
      'METRICS_PORT',
      `must differ from PORT (${metricsPort}): metrics are never served on the public port`,
    );
  }
  return { host: listenHost(env, 'METRICS_HOST', '127.0.0.1'), port: metricsPort };
}
