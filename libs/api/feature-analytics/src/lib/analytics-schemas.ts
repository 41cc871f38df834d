import { ACCESS_TOKEN_SECURITY_SCHEMES, AUTH_ERROR_CODES } from '@oracle-ai/api/feature-auth';
import { errorResponseSchemas } from '@oracle-ai/api/feature-platform';
import { ANALYTICS_PANELS, type ApiErrorCode } from '@oracle-ai/shared/util-api-contract';
import { MAX_POINTS, MAX_RANGE_S } from './time-range';

/** Either access-token scheme satisfies an `/api` route (OpenAPI: alternatives). */
export const SECURITY = Object.keys(ACCESS_TOKEN_SECURITY_SCHEMES).map((scheme) => ({
  [scheme]: [],
}));

export const SOURCE_CODES: ApiErrorCode[] = [
  'analytics_unavailable',
  'analytics_timeout',
  'overloaded',
  'internal_error',
];

const DATABASES_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['source', 'simulated', 'databases'],
  properties: {
    source: { type: 'string', enum: ['prometheus'] },
    simulated: {
      type: 'boolean',
      description:
        'The figures are simulated (a dev stack, `ANALYTICS_SIMULATED=true`), not read from real databases',
    },
    databases: {
      type: 'array',
      description: 'The databases the caller may see, by name',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'up'],
        properties: {
          name: { type: 'string', description: "The exporter's `database` label" },
          up: {
            type: 'boolean',
            description: 'Whether its latest `oracledb_up` (within 15 minutes) is 1',
          },
        },
      },
    },
  },
} as const;

const PANEL_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['database', 'panel', 'from', 'to', 'step', 'unit', 'series'],
  properties: {
    database: { type: 'string' },
    panel: { type: 'string', enum: [...ANALYTICS_PANELS] },
    from: { type: 'number', description: 'Unix seconds, as evaluated' },
    to: { type: 'number', description: 'Unix seconds, as evaluated' },
    step: { type: 'integer', description: 'Seconds between points' },
    unit: { type: 'string', enum: ['sessions', 's/s', '1/s', 'percent'] },
    series: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'points'],
        properties: {
          name: {
            type: 'string',
            description:
              "The exporter's own word: `user_io`, `execute_count`, a tablespace, a `sql_id` …; `db-time` has `db_time`, `db_cpu` and `cpu_count` (the CPUs of every instance, one CPU being one CPU second per second)",
          },
          points: {
            type: 'array',
            maxItems: MAX_POINTS,
            description: '`[unixSeconds, value]`, oldest first; a missing point is a gap',
            items: { type: 'array', minItems: 2, maxItems: 2, items: { type: 'number' } },
          },
        },
      },
    },
  },
} as const;

export const TIME = {
  type: 'string',
  description: 'RFC 3339 with a zone (`2026-11-24T08:00:00Z`) or unix seconds',
};

export const DATABASES_ROUTE_SCHEMA = {
  summary: 'The databases the caller may see, and where the figures come from',
  tags: ['analytics'],
  security: SECURITY,
  response: {
    200: { description: 'The databases the caller may see', ...DATABASES_SCHEMA },
    ...errorResponseSchemas([...AUTH_ERROR_CODES, ...SOURCE_CODES]),
  },
};

export const PANEL_ROUTE_SCHEMA = {
  summary: "One panel's time series for a database",
  description: `Figures read from the Prometheus-compatible source with the API's own queries. At most ${MAX_RANGE_S / 86400} days, at most ${MAX_POINTS} points per series (the step follows from the range); the last hour by default. A database the caller may not see is \`404\`, as one that does not exist.`,
  tags: ['analytics'],
  security: SECURITY,
  params: {
    type: 'object',
    required: ['db', 'panel'],
    properties: {
      db: {
        type: 'string',
        description: "The exporter's `database` label, as `GET /api/analytics` lists it",
      },
      panel: { type: 'string', enum: [...ANALYTICS_PANELS] },
    },
  },
  querystring: {
    type: 'object',
    properties: { from: TIME, to: TIME },
  },
  response: {
    200: { description: "The panel's series", ...PANEL_SCHEMA },
    ...withDescriptions(errorResponseSchemas([...AUTH_ERROR_CODES, 'not_found', ...SOURCE_CODES]), {
      400: 'The request is malformed: the `Authorization` header (RFC 6750 `invalid_request`, with a challenge), or `from` / `to` (without one)',
      404: 'No such panel, or no such database among those the caller may see',
    }),
  },
};

/** The same responses, some with a description saying what the status means on this route. */
export function withDescriptions(
  schemas: Record<number, object>,
  descriptions: Record<number, string>,
): Record<number, object> {
  const described = { ...schemas };
  for (const [status, description] of Object.entries(descriptions)) {
    described[Number(status)] = { ...schemas[Number(status)], description };
  }
  return described;
}
