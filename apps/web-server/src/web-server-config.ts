import { isAbsolute } from 'node:path';
import {
  boolean,
  ConfigError,
  httpsUrl,
  listenHost,
  optional,
  port,
  quoted,
  required,
  type Env,
} from '@oracle-ai/shared/util-env';
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

/** Where each `/config.json` key comes from. */
const SPA_CONFIG_VARIABLES: Record<keyof RuntimeConfig, string> = {
  issuer: 'WEB_ISSUER',
  clientId: 'WEB_CLIENT_ID',
  apiBaseUrl: 'WEB_API_BASE_URL',
  scope: 'WEB_SCOPE',
  customQueryParams: 'WEB_CUSTOM_QUERY_PARAMS',
  dpop: 'WEB_DPOP',
};

/** Control characters: no OAuth parameter has one, and a browser would carry it into URLs. */
const CONTROL_CHARACTER = /\p{Cc}/u;
/** What nginx may be given as a path: no quote, `$`, `;`, brace or space that would change the config. */
const SAFE_PATH = /^\/[\w./+-]*$/;
/** Origins that go into the CSP header as they are: a DNS name or an IP address, nothing nginx would read as a variable. */
const CSP_SAFE_ORIGIN = /^https?:\/\/(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d+)?$/i;

/**
 * Reads the web server's `WEB_*` variables (`@oracle-ai/shared/util-env`: one line naming the
 * variable, its value quoted). Throws {@link ConfigError} on the first missing or invalid one; the
 * SPA settings are refused exactly when the SPA would refuse them, and whatever reaches nginx's
 * configuration must also be safe there.
 */
export function loadWebServerConfig(env: Env, defaults: { staticRoot: string }): WebServerConfig {
  const spa = loadSpaConfig(env);
  return {
    // nginx.conf brackets an IPv6 address itself.
    host: listenHost(env, 'WEB_HOST', '0.0.0.0').replace(/^\[(.*)\]$/, '$1'),
    port: port(env, 'WEB_PORT', 8080),
    spa,
    hsts: boolean(env, 'WEB_HSTS', false),
    staticRoot: nginxPath(env, 'WEB_STATIC_ROOT') ?? defaults.staticRoot,
    runtimeDir: nginxPath(env, 'WEB_RUNTIME_DIR'),
  };
}

function loadSpaConfig(env: Env): RuntimeConfig {
  const raw = {
    issuer: httpsUrl(env, 'WEB_ISSUER'),
    clientId: printable(env, 'WEB_CLIENT_ID'),
    apiBaseUrl: httpsUrl(env, 'WEB_API_BASE_URL'),
    scope: printable(env, 'WEB_SCOPE'),
    customQueryParams: customQueryParams(env),
    dpop: boolean(env, 'WEB_DPOP', false),
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
      throw new ConfigError(
        SPA_CONFIG_VARIABLES[key],
        `must name its host by a DNS name or an IP address (got ${quoted(spa[key])})`,
      );
    }
  }
  return spa;
}

/**
 * `issuer must use https` → `WEB_ISSUER is invalid: issuer must use https`. Every value has been
 * checked for control characters before, so the SPA's message is one line.
 */
function asVariableError(problem: string): ConfigError {
  const key = /^\w+/.exec(problem)?.[0] as keyof RuntimeConfig;
  return new ConfigError(SPA_CONFIG_VARIABLES[key], `is invalid: ${problem}`);
}

function printable(env: Env, name: string): string {
  const value = required(env, name);
  if (CONTROL_CHARACTER.test(value)) {
    throw new ConfigError(name, `must not contain control characters (got ${quoted(value)})`);
  }
  return value;
}

/** A JSON object; its keys and values are checked by the SPA's rules, control characters here. */
function customQueryParams(env: Env): unknown {
  const name = 'WEB_CUSTOM_QUERY_PARAMS';
  const raw = optional(env, name);
  if (raw === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError(
      name,
      `must be a JSON object such as {"authentication_method":"siteminder"} (got ${quoted(raw)})`,
    );
  }
  if (typeof parsed === 'object' && parsed !== null) {
    for (const [key, value] of Object.entries(parsed)) {
      if (
        CONTROL_CHARACTER.test(key) ||
        (typeof value === 'string' && CONTROL_CHARACTER.test(value))
      ) {
        throw new ConfigError(name, `must not contain control characters (got ${quoted(key)})`);
      }
    }
  }
  return parsed;
}

function nginxPath(env: Env, name: string): string | undefined {
  const value = optional(env, name);
  if (value === undefined) return undefined;
  if (!isAbsolute(value) || !SAFE_PATH.test(value)) {
    throw new ConfigError(
      name,
      `must be an absolute path of letters, digits and ._/+- only (got ${quoted(value)})`,
    );
  }
  return value;
}
