import {
  ConfigError,
  fileContent,
  integer,
  optional,
  optionalHttpsUrl,
  quoted,
  type Env,
} from '@oracle-ai/shared/util-env';
import { storeConfig, type StoreConfig } from './store-config';

/** The assistant behind `POST /api/chat/completions`, and the limits it answers within. */
export interface ChatConfig {
  /**
   * Base URL of the OpenAI-compatible model server (`https://gateway.example.com/v1`), without a
   * trailing slash; undefined: no assistant (its route answers 503 `assistant_unavailable`).
   */
  modelUrl: string | undefined;
  /** The model asked for, and named in every answer. */
  model: string;
  /** Sent to the model server, and only there, as `Authorization: Bearer`. Never logged. */
  modelApiKey: string | undefined;
  /** The assistant's instructions from `CHAT_SYSTEM_PROMPT_FILE`; undefined: the built-in ones. */
  systemPrompt: string | undefined;
  /** Answers a user may start per minute. */
  ratePerMinute: number;
  /** Answers a user may have in progress at once. */
  maxConcurrent: number;
  /** Longest wait for the model server's first event, and between two of its events. */
  timeoutS: number;
  /** Where the per-user limits are counted: per instance, or shared by every instance. */
  limitsStore: StoreConfig;
}

const MODEL_NAME_LENGTH = 256;
const SYSTEM_PROMPT_LENGTH = 100_000;

/** Reads the `CHAT_*` variables. */
export function loadChatConfig(env: Env): ChatConfig {
  return {
    modelUrl: modelUrl(env),
    model: modelName(env),
    modelApiKey: fileContent(env, 'CHAT_MODEL_API_KEY_FILE'),
    systemPrompt: systemPrompt(env),
    ratePerMinute: integer(env, 'CHAT_RATE_PER_MINUTE', 20, 1, 100_000),
    maxConcurrent: integer(env, 'CHAT_MAX_CONCURRENT', 2, 1, 10_000),
    timeoutS: integer(env, 'CHAT_TIMEOUT_S', 30, 1, 600),
    limitsStore: storeConfig(env, 'CHAT_LIMITS_STORE'),
  };
}

/** https unless loopback (the key and the conversation travel on it); no query; no trailing slash. */
function modelUrl(env: Env): string | undefined {
  const name = 'CHAT_MODEL_URL';
  const raw = optionalHttpsUrl(env, name);
  if (raw === undefined) return undefined;
  if (new URL(raw).search !== '') {
    throw new ConfigError(name, `must not contain a query (got ${quoted(raw)})`);
  }
  return raw.replace(/\/+$/, '');
}

function modelName(env: Env): string {
  const name = 'CHAT_MODEL';
  const value = optional(env, name) ?? 'oracle-ai-dev';
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (value.length > MODEL_NAME_LENGTH || /[\u0000-\u001f\u007f]/.test(value)) {
    throw new ConfigError(
      name,
      `must be a model name of at most ${MODEL_NAME_LENGTH} characters without control characters (got ${quoted(value)})`,
    );
  }
  return value;
}

function systemPrompt(env: Env): string | undefined {
  const name = 'CHAT_SYSTEM_PROMPT_FILE';
  const prompt = fileContent(env, name);
  if (prompt !== undefined && prompt.length > SYSTEM_PROMPT_LENGTH) {
    throw new ConfigError(
      name,
      `names a file of ${prompt.length} characters; the assistant's instructions may have at most ${SYSTEM_PROMPT_LENGTH}`,
    );
  }
  return prompt;
}
