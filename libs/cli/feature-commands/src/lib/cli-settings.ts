import { normalizedApiUrl } from '@oracle-ai/cli/data-access-oauth';
import {
  ConfigError,
  integer,
  list,
  optional,
  optionalHttpsUrl,
  quoted,
  type Env,
} from '@oracle-ai/shared/util-env';

/** What the environment says, for every command. */
export interface CliSettings {
  /** `ORACLE_AI_API`: the API's base URL, over the session's. */
  api?: string;
  /** `ORACLE_AI_ISSUER`: the IdP, instead of asking the API. */
  issuer?: string;
  /** `ORACLE_AI_CLIENT_ID`. */
  clientId: string;
  /** `ORACLE_AI_CLI_PORTS`: the loopback ports registered at the IdP, in the order to try them. */
  ports?: number[];
  /** `ORACLE_AI_SCOPE`. */
  scope: string;
  /** `ORACLE_AI_LOGIN_TIMEOUT_S`, in ms. */
  loginTimeoutMs: number;
}

export const DEFAULT_CLIENT_ID = 'oracle-ai-cli';
/** `offline_access` for a refresh token that outlives the browser's session at the IdP. */
export const DEFAULT_SCOPE = 'openid profile offline_access';
const DEFAULT_LOGIN_TIMEOUT_S = 300;

/** Reads and checks the `ORACLE_AI_*` variables; a bad one is a `ConfigError` naming it. */
export function readCliSettings(env: Env): CliSettings {
  const scope = optional(env, 'ORACLE_AI_SCOPE') ?? DEFAULT_SCOPE;
  if (!scope.split(/\s+/).includes('openid')) {
    throw new ConfigError('ORACLE_AI_SCOPE', `must include openid (got ${quoted(scope)})`);
  }
  return {
    api: apiUrl(env),
    issuer: optionalHttpsUrl(env, 'ORACLE_AI_ISSUER'),
    clientId: optional(env, 'ORACLE_AI_CLIENT_ID') ?? DEFAULT_CLIENT_ID,
    ports: ports(env),
    scope: scope.split(/\s+/).join(' '),
    loginTimeoutMs:
      integer(env, 'ORACLE_AI_LOGIN_TIMEOUT_S', DEFAULT_LOGIN_TIMEOUT_S, 1, 3600) * 1000,
  };
}

/** Checked by the shared reader, then written as the API names itself: no trailing slash. */
function apiUrl(env: Env): string | undefined {
  const raw = optionalHttpsUrl(env, 'ORACLE_AI_API');
  return raw && normalizedApiUrl(raw, 'ORACLE_AI_API');
}

function ports(env: Env): number[] | undefined {
  if (optional(env, 'ORACLE_AI_CLI_PORTS') === undefined) return undefined;
  return list(env, 'ORACLE_AI_CLI_PORTS', undefined).map((item) => {
    if (!/^\d+$/.test(item) || Number(item) < 1 || Number(item) > 65535) {
      throw new ConfigError(
        'ORACLE_AI_CLI_PORTS',
        `must list ports from 1 to 65535, comma-separated (got ${quoted(item)})`,
      );
    }
    return Number(item);
  });
}
