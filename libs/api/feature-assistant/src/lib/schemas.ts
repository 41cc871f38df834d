import { AUTH_ERROR_CODES } from '@oracle-ai/api/feature-auth';
import { errorResponseSchemas, type ErrorResponse } from '@oracle-ai/api/feature-platform';
import {
  CHAT_MAX_BODY_BYTES,
  CHAT_MAX_CONTENT_CODE_POINTS,
  CHAT_MAX_MESSAGES,
} from '@oracle-ai/shared/util-api-contract';

/** Either scheme satisfies an `/api` route (OpenAPI: alternatives). */
const ACCESS_TOKEN_SECURITY: { [scheme: string]: string[] }[] = [{ bearer: [] }, { dpop: [] }];

/** What any `/api` route can be refused with before it runs (the bearer hook, load shedding). */
const API_REFUSALS: readonly ErrorResponse[] = [
  ...AUTH_ERROR_CODES,
  'overloaded',
  'internal_error',
];

/** A route's schema: its answer, and every refusal it can give (documentation and serializer). */
export function routeSchema(
  summary: string,
  answer: object,
  refusals: readonly ErrorResponse[] = [],
  extra: object = {},
) {
  return {
    summary,
    tags: ['api'],
    security: ACCESS_TOKEN_SECURITY,
    ...extra,
    response: {
      200: answer,
      ...errorResponseSchemas([...API_REFUSALS, ...refusals]),
    },
  };
}

export const CHAT_HOME_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['user', 'greeting', 'suggestions', 'assistantConfigured'],
  properties: {
    user: { type: 'string' },
    greeting: { type: 'string' },
    suggestions: { type: 'array', items: { type: 'string' } },
    assistantConfigured: {
      type: 'boolean',
      description:
        'Whether a model server answers `POST /api/chat/completions` (else it answers 503 `assistant_unavailable`)',
    },
  },
} as const;

/** The request as documented; `parseChatRequest` checks it (no type coercion, clear messages). */
export const COMPLETIONS_BODY_SCHEMA = {
  type: 'object',
  required: ['messages'],
  additionalProperties: true,
  description: `OpenAI chat-completions request. At most ${CHAT_MAX_BODY_BYTES / 1024} KiB. Other OpenAI fields are accepted and not forwarded; the API adds its own instructions.`,
  properties: {
    messages: {
      type: 'array',
      minItems: 1,
      maxItems: CHAT_MAX_MESSAGES,
      description: 'The conversation so far, oldest first; the last message is the user’s',
      items: {
        type: 'object',
        required: ['role', 'content'],
        properties: {
          role: { type: 'string', enum: ['user', 'assistant'] },
          content: {
            type: 'string',
            maxLength: CHAT_MAX_CONTENT_CODE_POINTS,
            description: `At most ${CHAT_MAX_CONTENT_CODE_POINTS} Unicode code points`,
          },
        },
      },
    },
    stream: {
      type: 'boolean',
      description: '`true`: answer as `text/event-stream`',
      default: false,
    },
    model: {
      type: 'string',
      description: 'Ignored: answers always name the model the API is configured with',
    },
  },
} as const;

const USAGE_SCHEMA = {
  type: 'object',
  required: ['prompt_tokens', 'completion_tokens', 'total_tokens'],
  additionalProperties: false,
  properties: {
    prompt_tokens: { type: 'integer' },
    completion_tokens: { type: 'integer' },
    total_tokens: { type: 'integer' },
  },
} as const;

const COMPLETION_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'object', 'created', 'model', 'choices'],
  properties: {
    id: { type: 'string' },
    object: { type: 'string', enum: ['chat.completion'] },
    created: { type: 'integer', description: 'Unix seconds' },
    model: { type: 'string', description: 'The model the API is configured with (`CHAT_MODEL`)' },
    choices: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['index', 'message', 'finish_reason'],
        properties: {
          index: { type: 'integer' },
          message: {
            type: 'object',
            additionalProperties: false,
            required: ['role', 'content'],
            properties: {
              role: { type: 'string', enum: ['assistant'] },
              content: { type: 'string' },
            },
          },
          finish_reason: { type: ['string', 'null'] },
        },
      },
    },
    usage: USAGE_SCHEMA,
  },
} as const;

export const COMPLETIONS_ANSWER = {
  description:
    'The answer: one `chat.completion` object, or with `stream: true` a `text/event-stream` of `chat.completion.chunk` events (`data: {…}`), each sent as the model server produced it, then `data: [DONE]`. A stream that fails after it began ends with one `data: {"error":{"code":"assistant_unavailable"|"assistant_timeout","message":…}}` event and no `[DONE]`. Streams carry `Cache-Control: no-store` and `X-Accel-Buffering: no`.',
  content: {
    'application/json': { schema: COMPLETION_SCHEMA },
    'text/event-stream': {
      schema: {
        type: 'string',
        description:
          'Server-sent events: `data: {"id","object":"chat.completion.chunk","created","model","choices":[{"index","delta":{"role"?,"content"?},"finish_reason"}],"usage"?}` per chunk, then `data: [DONE]`',
      },
    },
  },
} as const;
