import { AUTH_ERROR_CODES } from '@oracle-ai/api/feature-auth';
import { errorResponseSchemas } from '@oracle-ai/api/feature-platform';
import { SECURITY, SOURCE_CODES, TIME, withDescriptions } from '../analytics-schemas';
import { MAX_EVIDENCE_CHARS } from './evidence-pack';

const WINDOW_DESCRIPTION =
  'From 2 minutes to 24 hours, not in the future; compared with the same window a week earlier';

export const EVIDENCE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: [
    'database',
    'from',
    'to',
    'step',
    'comparisonFrom',
    'comparisonTo',
    'simulated',
    'text',
    'question',
  ],
  properties: {
    database: { type: 'string' },
    from: { type: 'number', description: 'Unix seconds' },
    to: { type: 'number', description: 'Unix seconds' },
    step: { type: 'integer', description: 'Seconds between the points the figures are read at' },
    comparisonFrom: { type: 'number', description: 'Unix seconds: `from` a week earlier' },
    comparisonTo: { type: 'number', description: 'Unix seconds: `to` a week earlier' },
    simulated: { type: 'boolean', description: 'The figures are simulated (a dev stack)' },
    text: {
      type: 'string',
      maxLength: MAX_EVIDENCE_CHARS,
      description:
        'Markdown: AAS by wait class against a week earlier, DB time against the CPUs, the top SQL by `sql_id`, the exporter’s gaps — every figure with its unit, times in UTC. What the assistant is given',
    },
    question: { type: 'string', description: 'What the assistant is asked about it' },
  },
} as const;

export const EVIDENCE_ROUTE_SCHEMA = {
  summary: 'The figures an explanation of a window gives the assistant',
  description: `The evidence pack of \`POST /api/analytics/databases/{db}/explanations\`, built the same way from the API's own queries. ${WINDOW_DESCRIPTION}. A database the caller may not see is \`404\`, as one that does not exist.`,
  tags: ['analytics'],
  security: SECURITY,
  params: {
    type: 'object',
    required: ['db'],
    properties: { db: { type: 'string', description: "The exporter's `database` label" } },
  },
  querystring: {
    type: 'object',
    required: ['from', 'to'],
    properties: { from: TIME, to: TIME },
  },
  response: {
    200: { description: 'The evidence pack', ...EVIDENCE_SCHEMA },
    ...withDescriptions(errorResponseSchemas([...AUTH_ERROR_CODES, 'not_found', ...SOURCE_CODES]), {
      400: 'The request is malformed: the `Authorization` header (RFC 6750 `invalid_request`, with a challenge), or `from` / `to` (without one)',
      404: 'No such database among those the caller may see',
    }),
  },
};

export const EXPLANATION_ROUTE_SCHEMA = (chatGroups: readonly string[]) => ({
  summary: `The assistant explains a window of a database's figures (needs one of the chat groups: ${chatGroups.join(', ')})`,
  description: `The API builds the evidence pack of the window (as \`GET /api/analytics/databases/{db}/evidence\` answers it) and asks the assistant about it; the answer streams exactly as \`POST /api/chat/completions\` with \`stream: true\`, and counts towards the same per-user limits. ${WINDOW_DESCRIPTION}. A database the caller may not see is \`404\`, as one that does not exist.`,
  tags: ['analytics'],
  security: SECURITY,
  params: {
    type: 'object',
    required: ['db'],
    properties: { db: { type: 'string', description: "The exporter's `database` label" } },
  },
  body: {
    type: 'object',
    required: ['from', 'to'],
    additionalProperties: false,
    properties: {
      from: { oneOf: [TIME, { type: 'number', description: 'Unix seconds' }] },
      to: { oneOf: [TIME, { type: 'number', description: 'Unix seconds' }] },
    },
  },
  response: {
    200: {
      description:
        'The explanation: a `text/event-stream` of `chat.completion.chunk` events (`data: {…}`), each sent as the model server produced it, then `data: [DONE]`. A stream that fails after it began ends with one `data: {"error":{"code":"assistant_unavailable"|"assistant_timeout","message":…}}` event and no `[DONE]`.',
      content: {
        'text/event-stream': {
          schema: {
            type: 'string',
            description:
              'Server-sent events: `data: {"id","object":"chat.completion.chunk","created","model","choices":[{"index","delta":{"role"?,"content"?},"finish_reason"}]}` per chunk, then `data: [DONE]`',
          },
        },
      },
    },
    ...withDescriptions(
      errorResponseSchemas([
        ...AUTH_ERROR_CODES,
        'not_found',
        { code: 'invalid_request', status: 415 },
        'payload_too_large',
        'rate_limited',
        'assistant_unavailable',
        'assistant_timeout',
        ...SOURCE_CODES,
      ]),
      {
        400: 'The request is malformed: the `Authorization` header (RFC 6750 `invalid_request`, with a challenge), or the body (without one)',
        404: 'No such database among those the caller may see',
        503: 'No assistant configured, or it is unavailable (`assistant_unavailable`); no figures source, or it is failing (`analytics_unavailable`); `Retry-After`',
        504: 'The model server (`assistant_timeout`) or the figures source (`analytics_timeout`) did not answer in time',
      },
    ),
  },
});
