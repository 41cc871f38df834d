import { isAbsolute } from 'node:path';
import { isIP } from 'node:net';
import {
  RuntimeConfigError,
  validateRuntimeConfig,
  type RuntimeConfig,
} from '@oracle-ai/web/util-runtime-config';

export interface WebServerConfig {
  /** Listen address: an IP address or a host name. */
  host: string;
  port: number;
  /** What `/config.json` serves, checked as the SPA checks it. */
  spa: RuntimeConfig;
  /** Send `Strict-Transport-Security` (the SPA is reached over https, e.g. through a TLS proxy). */
  hsts: boolean;
  /** The built SPA (`dist/apps/web/browser`); read only. */
  staticRoot: string;
  /** Where nginx's rendered files, pid and temp files go; a fresh temporary one when unset. */
  runtimeDir: string | undefined;
}

/** A configuration value is missing or invalid; the message names the variable. */
export class WebServerConfigError extends Error {
  override readonly name = 'WebServerConfigError';
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable} ${message}`);
  }
}

type Env = Record<string, string | undefined>;

/** Where each `/config.json` key comes from. */
const SPA_CONFIG_VARIABLES: Record<keyof RuntimeConfig, string> = {
  issuer: 'WEB_ISSUER',
  clientId: 'WEB_CLIENT_ID',
  apiBaseUrl: 'WEB_API_BASE_URL',
  scope: 'WEB_SCOPE',
  customQueryParams: 'WEB_CUSTOM_QUERY_PARAMS',
  dpop: 'WEB_DPOP',
};

const DEFAULT_HOST = '0.0.0.0';
const DEFAULT_PORT = 8080;

const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
/** What nginx may be given as a path: no quote, `$`, `;`, brace or space that would change the config. */
const SAFE_PATH = /^\/[\w./+-]*$/;
/** Origins that go into the CSP header as they are: a DNS name or an IP address, nothing nginx would read as a variable. */
const CSP_SAFE_ORIGIN = /^https?:\/\/(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d+)?$/i;

/**
 * Reads the web server's `WEB_*` variables. Throws {@link WebServerConfigError} on the first missing
 * or invalid one; the SPA settings are refused exactly when the SPA would refuse them.
 */
export function loadWebServerConfig(env: Env, defaults: { staticRoot: string }): WebServerConfig {
  const spa = loadSpaConfig(env);
  return {
    host: parseHost(env['WEB_HOST'] || DEFAULT_HOST),
    port: parsePort(env['WEB_PORT']),
    spa,
    hsts: parseBoolean(env, 'WEB_HSTS'),
    staticRoot: parsePath(env, 'WEB_STATIC_ROOT') ?? defaults.staticRoot,
    runtimeDir: parsePath(env, 'WEB_RUNTIME_DIR'),
  };
}

function loadSpaConfig(env: Env): RuntimeConfig {
  const raw = {
    issuer: required(env, 'WEB_ISSUER'),
    clientId: required(env, 'WEB_CLIENT_ID'),
    apiBaseUrl: required(env, 'WEB_API_BASE_URL'),
    scope: required(env, 'WEB_SCOPE'),
    customQueryParams: parseJsonObject(env, 'WEB_CUSTOM_QUERY_PARAMS'),
    dpop: parseBoolean(env, 'WEB_DPOP'),
  };
  let spa: RuntimeConfig;
  try {
    spa = validateRuntimeConfig(raw);
  } catch (error) {
    if (error instanceof RuntimeConfigError) throw asVariableError(error.problems[0]);
    throw error;
  }
  for (const key of ['issuer', 'apiBaseUrl'] as const) {
    if (!CSP_SAFE_ORIGIN.test(new URL(spa[key]).origin)) {
      throw new WebServerConfigError(
        SPA_CONFIG_VARIABLES[key],
        'must name its host by a DNS name or an IP address',
      );
    }
  }
  return spa;
}

/** `issuer must use https` → `WEB_ISSUER is invalid: issuer must use https`. */
function asVariableError(problem: string): WebServerConfigError {
  const key = /^\w+/.exec(problem)?.[0] as keyof RuntimeConfig;
  return new WebServerConfigError(SPA_CONFIG_VARIABLES[key], `is invalid: ${problem}`);
}

function required(env: Env, name: string): string {
  const value = env[name];
  if (value === undefined || value === '') throw new WebServerConfigError(name, 'is required');
  return value;
}

function parseJsonObject(env: Env, name: string): unknown {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new WebServerConfigError(
      name,
      `must be a JSON object such as {"authentication_method":"siteminder"}, got ${JSON.stringify(raw)}`,
    );
  }
}

function parseBoolean(env: Env, name: string): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  throw new WebServerConfigError(name, `must be "true" or "false", got ${JSON.stringify(raw)}`);
}

function parseHost(raw: string): string {
  if (isIP(raw) === 0 && !HOST_NAME.test(raw)) {
    throw new WebServerConfigError(
      'WEB_HOST',
      `must be an IP address or a host name, got ${JSON.stringify(raw)}`,
    );
  }
  return raw;
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
    throw new WebServerConfigError(
      'WEB_PORT',
      `must be a port number from 1 to 65535, got ${JSON.stringify(raw)}`,
    );
  }
  return port;
}

function parsePath(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (!isAbsolute(raw) || !SAFE_PATH.test(raw)) {
    throw new WebServerConfigError(
      name,
      `must be an absolute path of letters, digits and ._/+- only, got ${JSON.stringify(raw)}`,
    );
  }
  return raw;
}
