/**
 * Stable machine codes carried in every API error body (`code`).
 * Scripts switch on these; the HTTP status and RFC 6750 `error` are derived from them.
 */
export const API_ERROR_CODES = [
  // 400 — the request itself is malformed (RFC 6750 `invalid_request`); 415 — its body is not JSON
  'invalid_request',
  // 401 — no credentials (RFC 6750: no `error` attribute)
  'missing_token',
  // 401 — RFC 6750 `invalid_token`
  'invalid_token',
  'token_expired',
  'token_not_yet_valid',
  'invalid_signature',
  'invalid_issuer',
  'invalid_audience',
  'unsupported_algorithm',
  'unknown_signing_key',
  'missing_claim',
  'invalid_token_type',
  // 401 — RFC 9449 (DPoP): the proof is wrong, or must carry the server's nonce
  'invalid_dpop_proof',
  'use_dpop_nonce',
  // 403 — valid token, group membership missing
  'group_required',
  // 503 — signing keys cannot be obtained (identity provider unreachable)
  'idp_unavailable',
  // 503 — DPoP proofs cannot be checked for replay (the shared store is unreachable)
  'replay_store_unavailable',
  // 503 — the instance is overloaded (event loop lagging) and sheds the request; `Retry-After` says when to come back
  'overloaded',
  // 413 — the request body is over the route's limit
  'payload_too_large',
  // 429 — the caller asked for more answers than their limits allow; `Retry-After` says when to come back
  'rate_limited',
  // 503 — the assistant's model server is not configured, unreachable or failing; `Retry-After`
  'assistant_unavailable',
  // 504 — the assistant's model server sent nothing within its time limit
  'assistant_timeout',
  // 503 — analytics: no figures source is configured, or it is unreachable or failing; `Retry-After`
  'analytics_unavailable',
  // 504 — analytics: the figures source did not answer in time
  'analytics_timeout',
  // generic
  'not_found',
  'internal_error',
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/**
 * The HTTP statuses each code may be sent with, its usual one first. The code says what went
 * wrong and stays stable; the status is how HTTP classes it, and a few codes have more than one:
 * `invalid_request` is 400 for a malformed request, 414 for a path segment over the router's limit
 * and 415 for a body that is not JSON (any other 4xx the framework raises about a request's form
 * also keeps its status and carries this code).
 */
export const API_ERROR_STATUSES: Readonly<Record<ApiErrorCode, readonly [number, ...number[]]>> = {
  invalid_request: [400, 414, 415],
  missing_token: [401],
  invalid_token: [401],
  token_expired: [401],
  token_not_yet_valid: [401],
  invalid_signature: [401],
  invalid_issuer: [401],
  invalid_audience: [401],
  unsupported_algorithm: [401],
  unknown_signing_key: [401],
  missing_claim: [401],
  invalid_token_type: [401],
  invalid_dpop_proof: [401],
  use_dpop_nonce: [401],
  group_required: [403],
  idp_unavailable: [503],
  replay_store_unavailable: [503],
  overloaded: [503],
  payload_too_large: [413],
  rate_limited: [429],
  assistant_unavailable: [503],
  assistant_timeout: [504],
  analytics_unavailable: [503],
  analytics_timeout: [504],
  not_found: [404],
  internal_error: [500],
};

/** JSON body of every non-2xx API response. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  code: ApiErrorCode;
  message: string;
  /** Present on `group_required`: any one of these groups grants access. */
  requiredGroups?: string[];
  /** The request's id, also sent as `X-Request-Id`: quote it when reporting a problem. */
  requestId?: string;
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  return (
    typeof body['statusCode'] === 'number' &&
    typeof body['code'] === 'string' &&
    (API_ERROR_CODES as readonly string[]).includes(body['code']) &&
    typeof body['message'] === 'string'
  );
}
