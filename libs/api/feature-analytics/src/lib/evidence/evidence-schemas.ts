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
