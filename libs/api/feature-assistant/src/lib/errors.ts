import createError from '@fastify/error';
import type { HttpErrorExtras } from '@oracle-ai/api/feature-platform';
import type { ApiErrorCode } from '@oracle-ai/shared/util-api-contract';

/** Expected refusals: no stack trace is captured (they are control flow, not bugs). */
function refusal<Arg extends unknown[] = []>(
  code: ApiErrorCode,
  message: string,
  statusCode: number,
) {
  return createError<Arg>(code, message, statusCode, Error, false);
}

/**
 * Every refusal of the assistant's route; `code` is the contract's. Messages say what to do and
 * never carry the model server's own text.
 */
export const AssistantErrors = {
  InvalidRequest: refusal<[string]>('invalid_request', '%s', 400),
  RateLimited: refusal<[string]>('rate_limited', '%s', 429),
  Unavailable: refusal<[string]>('assistant_unavailable', '%s', 503),
  Timeout: refusal<[string]>('assistant_timeout', '%s', 504),
};

/** A refusal with the `Retry-After` it carries. */
export function withRetryAfter<E extends Error>(
  error: E,
  retryAfterS: number,
): E & HttpErrorExtras {
  return Object.assign(error, { retryAfterS });
}
