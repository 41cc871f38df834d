import { quoted } from '@oracle-ai/shared/util-env';
import { OpenAiError } from '../http/openai-error';

export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: ChatRole;
  /** Text parts are joined: `[{ type: 'text', text }]` reads as its text. */
  content: string;
}

/** A chat completion request as this server understands it, after validation. */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  stream: boolean;
  /** `stream_options.include_usage`: a last chunk with the token counts. */
  includeUsage: boolean;
  /** `max_completion_tokens` (or the older `max_tokens`): the answer stops there. */
  maxTokens: number | undefined;
}

const ROLES: readonly ChatRole[] = ['system', 'user', 'assistant'];
/** Roles of OpenAI's API that this server knows but does not take: no tools, no functions. */
const UNSUPPORTED_ROLES = ['developer', 'tool', 'function'];

type Json = Record<string, unknown>;

/**
 * Checks a `/v1/chat/completions` body as OpenAI's API does, with its error wording, `param`
 * and `code`. Fields this server does not use (`user`, `seed`, `tools` …) are accepted and
 * ignored, as OpenAI-compatible servers do; those it uses are checked for type and range.
 */
export function parseChatRequest(body: unknown, servedModel: string): ChatRequest {
  if (!isObject(body)) {
    throw invalidType('body', 'The request body must be a JSON object.');
  }
  const model = requiredString(body, 'model');
  if (model !== servedModel) {
    throw new OpenAiError(
      404,
      `The model ${quoted(model)} does not exist: this server serves ${quoted(servedModel)}.`,
      { param: 'model', code: 'model_not_found' },
    );
  }
  const stream = optionalBoolean(body, 'stream') ?? false;
  checkSampling(body);
  const maxCompletionTokens = optionalCount(body, 'max_completion_tokens');
  const maxTokens = optionalCount(body, 'max_tokens');
  return {
    model,
    messages: parseMessages(body['messages']),
    stream,
    includeUsage: parseStreamOptions(body['stream_options'], stream),
    maxTokens: maxCompletionTokens ?? maxTokens,
  };
}

function parseMessages(value: unknown): ChatMessage[] {
  if (value === undefined || value === null) throw missing('messages');
  if (!Array.isArray(value))
    throw invalidType('messages', "Invalid type for 'messages': expected an array.");
  if (value.length === 0) {
    throw new OpenAiError(400, "Invalid 'messages': empty array. Expected at least one message.", {
      param: 'messages',
      code: 'empty_array',
    });
  }
  return value.map((message, i) => parseMessage(message, `messages[${i}]`));
}

function parseMessage(value: unknown, param: string): ChatMessage {
  if (!isObject(value))
    throw invalidType(param, `Invalid type for '${param}': expected an object.`);
  const role = value['role'];
  if (role === undefined || role === null) throw missing(`${param}.role`);
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    const why = UNSUPPORTED_ROLES.includes(role as string) ? ' (not supported by this server)' : '';
    throw new OpenAiError(
      400,
      `Invalid value for '${param}.role': ${quoted(String(role))}${why}. Supported values are: 'system', 'user' and 'assistant'.`,
      { param: `${param}.role`, code: 'invalid_value' },
    );
  }
  return { role: role as ChatRole, content: parseContent(value['content'], `${param}.content`) };
}

function parseContent(value: unknown, param: string): string {
  if (value === undefined || value === null) throw missing(param);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    return value
      .map((part, i) => {
        if (!isObject(part) || part['type'] !== 'text' || typeof part['text'] !== 'string') {
          throw invalidType(
            `${param}[${i}]`,
            `Invalid content part '${param}[${i}]': this server takes only text parts ({ "type": "text", "text": "…" }).`,
          );
        }
        return part['text'];
      })
      .join('');
  }
  throw invalidType(
    param,
    `Invalid type for '${param}': expected a string or an array of text parts.`,
  );
}

function parseStreamOptions(value: unknown, stream: boolean): boolean {
  if (value === undefined || value === null) return false;
  if (!stream) {
    throw new OpenAiError(
      400,
      "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
      { param: 'stream_options', code: 'invalid_value' },
    );
  }
  if (!isObject(value)) {
    throw invalidType('stream_options', "Invalid type for 'stream_options': expected an object.");
  }
  return optionalBoolean(value, 'include_usage', 'stream_options.include_usage') ?? false;
}

/** Checked for type and range only: the notes read the same at any temperature. */
function checkSampling(body: Json): void {
  optionalNumber(body, 'temperature', 0, 2);
  optionalNumber(body, 'top_p', 0, 1);
  const n = body['n'];
  if (n !== undefined && n !== null && n !== 1) {
    throw new OpenAiError(
      400,
      `Invalid value for 'n': this server writes one choice, so n must be 1.`,
      {
        param: 'n',
        code: 'invalid_value',
      },
    );
  }
}

function requiredString(body: Json, name: string): string {
  const value = body[name];
  if (value === undefined || value === null) throw missing(name);
  if (typeof value !== 'string')
    throw invalidType(name, `Invalid type for '${name}': expected a string.`);
  return value;
}

function optionalBoolean(body: Json, name: string, param = name): boolean | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean')
    throw invalidType(param, `Invalid type for '${param}': expected a boolean.`);
  return value;
}

function optionalCount(body: Json, name: string): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (!Number.isSafeInteger(value) || (value as number) < 1) {
    throw new OpenAiError(400, `Invalid value for '${name}': expected an integer of at least 1.`, {
      param: name,
      code: typeof value === 'number' ? 'invalid_value' : 'invalid_type',
    });
  }
  return value as number;
}

function optionalNumber(body: Json, name: string, min: number, max: number): void {
  const value = body[name];
  if (value === undefined || value === null) return;
  if (typeof value !== 'number')
    throw invalidType(name, `Invalid type for '${name}': expected a number.`);
  if (!(value >= min && value <= max)) {
    throw new OpenAiError(
      400,
      `Invalid value for '${name}': expected a number from ${min} to ${max}.`,
      {
        param: name,
        code: 'invalid_value',
      },
    );
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function missing(param: string): OpenAiError {
  return new OpenAiError(400, `Missing required parameter: '${param}'.`, {
    param,
    code: 'missing_required_parameter',
  });
}

function invalidType(param: string, message: string): OpenAiError {
  return new OpenAiError(400, message, {
    param: param === 'body' ? null : param,
    code: 'invalid_type',
  });
}
