import { API_ERROR_STATUSES, type ApiErrorCode } from '@oracle-ai/shared/util-api-contract';

/** What a response with this status means, for the API document. */
const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed (RFC 6750 `invalid_request`)',
  401: 'No usable access token: missing, invalid, expired, or for another audience',
  403: 'The token is valid but lacks a required group (`requiredGroups` names them)',
  404: 'No such route',
  413: 'The request body is over the route’s limit',
  415: 'The request body is not `application/json`',
  429: 'Too many requests for the caller’s limits; retry after `Retry-After` seconds',
  500: 'A bug on the server; the body says nothing more',
  503: 'Temporarily unable to answer; retry after `Retry-After` seconds',
  504: 'A source the answer depends on did not answer in time',
};

/** Statuses whose refusals tell the client when to come back. */
const RETRY_AFTER_STATUSES: ReadonlySet<number> = new Set([429, 503]);

const CHALLENGE_HEADER = {
  'WWW-Authenticate': {
    description:
      'On a refusal of the access token (a 400 only when the `Authorization` header itself is malformed): the RFC 6750 challenge: `Bearer realm="oracle-ai"` — or `DPoP realm="oracle-ai", algs="…"` (RFC 9449) for a DPoP-bound token, a proof error, or `AUTH_DPOP=required` — with `error` and `error_description` for a refused token, and `resource_metadata` on a 401 (RFC 9728). With `use_dpop_nonce` (`AUTH_DPOP_NONCE=on`) a `DPoP-Nonce` header carries the nonce the next proof must carry.',
    type: 'string',
  },
};
const RETRY_AFTER_HEADER = {
  'Retry-After': { description: 'Seconds to wait before retrying', type: 'integer' },
};

/**
 * An error a route can answer with: a code at its usual status, or at another of its statuses
 * (`{ code: 'invalid_request', status: 415 }`).
 */
export type ErrorResponse = ApiErrorCode | { code: ApiErrorCode; status: number };

/**
 * The response schemas of the errors a route can answer with, grouped by status: the contract's
 * body shape with `code` narrowed to the codes of that status, and the headers they carry. Used
 * both to document the route (OpenAPI) and to serialize its errors.
 */
export function errorResponseSchemas(errors: readonly ErrorResponse[]): Record<number, object> {
  const byStatus = new Map<number, ApiErrorCode[]>();
  for (const error of errors) {
    const { code, status } = typeof error === 'string' ? usual(error) : error;
    if (!API_ERROR_STATUSES[code].includes(status)) {
      throw new Error(`errorResponseSchemas: ${code} is never sent with status ${status}`);
    }
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const schemas: Record<number, object> = {};
  for (const [status, statusCodes] of byStatus) {
    schemas[status] = {
      description: DESCRIPTIONS[status] ?? 'Error',
      ...(status === 400 || status === 401 || status === 403
        ? { headers: CHALLENGE_HEADER }
        : RETRY_AFTER_STATUSES.has(status)
          ? { headers: RETRY_AFTER_HEADER }
          : {}),
      ...errorBodySchema(status, statusCodes),
    };
  }
  return schemas;
}

function usual(code: ApiErrorCode): { code: ApiErrorCode; status: number } {
  return { code, status: API_ERROR_STATUSES[code][0] };
}

function errorBodySchema(status: number, codes: readonly ApiErrorCode[]): object {
  return {
    type: 'object',
    required: ['statusCode', 'error', 'code', 'message', 'requestId'],
    additionalProperties: false,
    properties: {
      statusCode: { type: 'integer', enum: [status] },
      error: { type: 'string', description: 'The HTTP reason phrase' },
      code: { type: 'string', enum: [...codes], description: 'Stable machine code' },
      message: { type: 'string', description: 'What went wrong, for people; never token content' },
      requestId: { type: 'string', description: 'Also sent as `X-Request-Id`' },
      ...(codes.includes('group_required') && {
        requiredGroups: { type: 'array', items: { type: 'string' } },
      }),
    },
  };
}

/**
 * The same, as an OpenAPI response object, for errors no single route declares: `not_found`
 * answers any path the API does not have.
 */
export function errorResponseObject(code: ApiErrorCode): object {
  const { status } = usual(code);
  const schema = errorBodySchema(status, [code]);
  return { description: DESCRIPTIONS[status], content: { 'application/json': { schema } } };
}
