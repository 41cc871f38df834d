import { API_ERROR_STATUS, type ApiErrorCode } from '@oracle-ai/shared/util-api-contract';

/** What a response with this status means, for the API document. */
const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed (RFC 6750 `invalid_request`)',
  401: 'No usable access token: missing, invalid, expired, or for another audience',
  403: 'The token is valid but lacks a required group (`requiredGroups` names them)',
  404: 'No such route',
  500: 'A bug on the server; the body says nothing more',
  503: 'Temporarily unable to answer; retry after `Retry-After` seconds',
  504: 'A source the answer depends on did not answer in time',
};

const CHALLENGE_HEADER = {
  'WWW-Authenticate': {
    description:
      'The RFC 6750 challenge: `Bearer realm="oracle-ai"` — or `DPoP realm="oracle-ai", algs="…"` (RFC 9449) for a DPoP-bound token, a proof error, or `AUTH_DPOP=required` — with `error` and `error_description` for a refused token, and `resource_metadata` on a 401 (RFC 9728). With `use_dpop_nonce` (`AUTH_DPOP_NONCE=on`) a `DPoP-Nonce` header carries the nonce the next proof must carry.',
    type: 'string',
  },
};
const RETRY_AFTER_HEADER = {
  'Retry-After': { description: 'Seconds to wait before retrying', type: 'integer' },
};

/**
 * The response schemas of the errors a route can answer with, grouped by status: the contract's
 * body shape with `code` narrowed to the codes of that status, and the headers they carry. Used
 * both to document the route (OpenAPI) and to serialize its errors.
 */
export function errorResponseSchemas(codes: readonly ApiErrorCode[]): Record<number, object> {
  const byStatus = new Map<number, ApiErrorCode[]>();
  for (const code of codes) {
    const status = API_ERROR_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const schemas: Record<number, object> = {};
  for (const [status, statusCodes] of byStatus) {
    schemas[status] = {
      description: DESCRIPTIONS[status] ?? 'Error',
      ...(status === 400 || status === 401 || status === 403
        ? { headers: CHALLENGE_HEADER }
        : status === 503
          ? { headers: RETRY_AFTER_HEADER }
          : {}),
      ...errorBodySchema(status, statusCodes),
    };
  }
  return schemas;
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
  const status = API_ERROR_STATUS[code];
  const schema = errorBodySchema(status, [code]);
  return { description: DESCRIPTIONS[status], content: { 'application/json': { schema } } };
}
