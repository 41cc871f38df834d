import { X509Certificate } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import {
  boolean,
  ConfigError,
  fileContent,
  httpsUrl,
  integer,
  optional,
  quoted,
  type Env,
} from '@oracle-ai/shared/util-env';

/** Where the analytics read their figures: a Prometheus-compatible HTTP API. */
export interface AnalyticsSourceConfig {
  /** Base URL without a trailing slash; queries go to `<url>/api/v1/…` (a path such as Mimir's `/prometheus` is kept). */
  url: string;
  /** PEM certificates trusted for the source's TLS (instead of Node's default roots). */
  ca?: string;
  /** PEM client certificate and its key, for mutual TLS. */
  cert?: string;
  key?: string;
  /** Sent as `Authorization: Bearer` to the source. */
  token?: string;
}

export interface AnalyticsConfig {
  /** Undefined: no source configured (the analytics answer 503, readiness is unaffected). */
  source: AnalyticsSourceConfig | undefined;
  /** Longest wait for the source, per query. */
  timeoutS: number;
  /** Any-of groups a database needs on top of the required group; databases not listed need none. */
  databaseGroups: ReadonlyMap<string, readonly string[]>;
  /**
   * The source holds simulated figures (the dev exporter): said to every client, so that no one
   * takes them for a real database's. Set explicitly by the dev stack, never guessed.
   */
  simulated: boolean;
}

const URL_VAR = 'ANALYTICS_PROMETHEUS_URL';
const SOURCE_FILE_VARS = [
  'ANALYTICS_PROMETHEUS_CA_FILE',
  'ANALYTICS_PROMETHEUS_CERT_FILE',
  'ANALYTICS_PROMETHEUS_KEY_FILE',
  'ANALYTICS_PROMETHEUS_TOKEN_FILE',
] as const;
/** A group longer than this is never in a token the API accepts (feature-auth drops it). */
const MAX_GROUP_LENGTH = 1024;
const MAX_DATABASE_NAME_LENGTH = 256;

export function loadAnalyticsConfig(env: Env): AnalyticsConfig {
  return {
    source: source(env),
    timeoutS: integer(env, 'ANALYTICS_TIMEOUT_S', 5, 1, 120),
    databaseGroups: databaseGroups(env),
    simulated: boolean(env, 'ANALYTICS_SIMULATED', false),
  };
}

function source(env: Env): AnalyticsSourceConfig | undefined {
  if (optional(env, URL_VAR) === undefined) {
    const orphan = SOURCE_FILE_VARS.find((name) => optional(env, name) !== undefined);
    if (orphan !== undefined) throw new ConfigError(orphan, `is set but ${URL_VAR} is not`);
    return undefined;
  }
  const raw = httpsUrl(env, URL_VAR);
  const url = new URL(raw);
  if (url.search !== '')
    throw new ConfigError(URL_VAR, `must not contain a query (got ${quoted(raw)})`);
  const https = url.protocol === 'https:';
  const ca = fileContent(env, 'ANALYTICS_PROMETHEUS_CA_FILE');
  const cert = fileContent(env, 'ANALYTICS_PROMETHEUS_CERT_FILE');
  const key = fileContent(env, 'ANALYTICS_PROMETHEUS_KEY_FILE');
  for (const [name, value] of [
    ['ANALYTICS_PROMETHEUS_CA_FILE', ca],
    ['ANALYTICS_PROMETHEUS_CERT_FILE', cert],
  ] as const) {
    if (value !== undefined && !https) throw new ConfigError(name, `needs an https ${URL_VAR}`);
  }
  if ((cert === undefined) !== (key === undefined)) {
    throw new ConfigError(
      cert === undefined ? 'ANALYTICS_PROMETHEUS_CERT_FILE' : 'ANALYTICS_PROMETHEUS_KEY_FILE',
      'is required with its pair: a client certificate needs its private key',
    );
  }
  checkTls(ca, cert, key);
  return { url: raw.replace(/\/+$/, ''), ca, cert, key, token: token(env) };
}

/** Every PEM is parsed now, so a bad file stops the start-up instead of failing every query. */
function checkTls(ca?: string, cert?: string, key?: string): void {
  if (ca !== undefined) {
    // Node ignores what is not a certificate in `ca`: each block is parsed here instead.
    const blocks = ca.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? [];
    try {
      if (blocks.length === 0) throw new Error('no BEGIN CERTIFICATE block');
      for (const block of blocks) new X509Certificate(block);
    } catch (error) {
      throw new ConfigError(
        'ANALYTICS_PROMETHEUS_CA_FILE',
        `does not hold PEM certificates (${reason(error)})`,
      );
    }
  }
  if (cert !== undefined && key !== undefined) {
    try {
      createSecureContext({ cert });
    } catch (error) {
      throw new ConfigError(
        'ANALYTICS_PROMETHEUS_CERT_FILE',
        `does not hold a PEM certificate (${reason(error)})`,
      );
    }
    try {
      createSecureContext({ cert, key });
    } catch (error) {
      throw new ConfigError(
        'ANALYTICS_PROMETHEUS_KEY_FILE',
        `does not hold the private key of ANALYTICS_PROMETHEUS_CERT_FILE's certificate (${reason(error)})`,
      );
    }
  }
}

function token(env: Env): string | undefined {
  const value = fileContent(env, 'ANALYTICS_PROMETHEUS_TOKEN_FILE');
  if (value !== undefined && !/^[\x21-\x7e]+$/.test(value)) {
    throw new ConfigError(
      'ANALYTICS_PROMETHEUS_TOKEN_FILE',
      'must hold one token: printable ASCII without spaces or line breaks',
    );
  }
  return value;
}

const GROUPS_EXAMPLE = '{"dwh": ["oracle-ai-admins"]}';

function databaseGroups(env: Env): ReadonlyMap<string, readonly string[]> {
  const name = 'ANALYTICS_DATABASE_GROUPS';
  const raw = optional(env, name);
  if (raw === undefined) return new Map();
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new ConfigError(name, `is not JSON (${quoted((error as Error).message)})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(
      name,
      `must be a JSON object such as ${GROUPS_EXAMPLE} (got ${quoted(raw)})`,
    );
  }
  const groups = new Map<string, readonly string[]>();
  for (const [database, value] of Object.entries(parsed)) {
    if (database === '' || database.length > MAX_DATABASE_NAME_LENGTH) {
      throw new ConfigError(
        name,
        `has a database name that is empty or over ${MAX_DATABASE_NAME_LENGTH} characters (${quoted(database)})`,
      );
    }
    if (
      !Array.isArray(value) ||
      value.length === 0 ||
      !value.every(
        (group) => typeof group === 'string' && group !== '' && group.length <= MAX_GROUP_LENGTH,
      )
    ) {
      throw new ConfigError(
        name,
        `must map each database to a non-empty list of group names, e.g. ${GROUPS_EXAMPLE} (${quoted(database)} maps to ${quoted(JSON.stringify(value))})`,
      );
    }
    groups.set(database, [...new Set(value as string[])]);
  }
  return groups;
}

function reason(error: unknown): string {
  return quoted(error instanceof Error ? error.message : String(error));
}
