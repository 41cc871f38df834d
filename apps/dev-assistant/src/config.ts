import {
  boolean,
  ConfigError,
  integer,
  optional,
  port,
  quoted,
  type Env,
} from '@oracle-ai/shared/util-env';

export interface DevAssistantConfig {
  port: number;
  /** The model id the server reports and accepts. */
  model: string;
  /** When set, `/v1/*` requires `Authorization: Bearer <apiKey>`. */
  apiKey: string | undefined;
  /** Mean pause between answer pieces; 0 sends them as fast as the client reads. */
  paceMs: number;
  /** `/test/*`: scripted answers and the request log. */
  enableTestEndpoints: boolean;
}

const DEFAULT_PORT = 4600;
const DEFAULT_MODEL = 'oracle-ai-dev';
const DEFAULT_PACE_MS = 30;
const MAX_PACE_MS = 10_000;

/** Model ids as real servers spell them: `gpt-4o`, `meta-llama/Llama-3.1-8B`, `llama3:8b`. */
const MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/;
/** Printable ASCII without spaces: what fits an `Authorization: Bearer` header unchanged. */
const API_KEY = /^[\x21-\x7e]{1,4096}$/;

/** Reads the dev model server's environment; a bad value throws a {@link ConfigError}. */
export function loadDevAssistantConfig(env: Env): DevAssistantConfig {
  if (env['NODE_ENV'] === 'production') {
    throw new ConfigError(
      'NODE_ENV',
      'is "production": the dev model server is for development and tests only and refuses to start',
    );
  }
  return {
    port: port(env, 'PORT', DEFAULT_PORT),
    model:
      matching(env, 'DEV_ASSISTANT_MODEL', MODEL_ID, 'a model id like oracle-ai-dev') ??
      DEFAULT_MODEL,
    apiKey: matching(env, 'DEV_ASSISTANT_API_KEY', API_KEY, 'printable ASCII without spaces', {
      showValue: false,
    }),
    paceMs: integer(env, 'DEV_ASSISTANT_PACE_MS', DEFAULT_PACE_MS, 0, MAX_PACE_MS),
    enableTestEndpoints: boolean(env, 'DEV_ASSISTANT_ENABLE_TEST_ENDPOINTS', false),
  };
}

function matching(
  env: Env,
  name: string,
  pattern: RegExp,
  expected: string,
  { showValue = true } = {},
): string | undefined {
  const value = optional(env, name);
  if (value === undefined || pattern.test(value)) return value;
  // A secret is never echoed, not even in part.
  throw new ConfigError(name, `must be ${expected}${showValue ? ` (got ${quoted(value)})` : ''}`);
}
