import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody, send } from './error-handler';
import { REQUEST_ID_HEADER } from './request-id';

/**
 * Fastify's `frameworkErrors` option: a URL its router refuses before any route, hook or error
 * handler runs — a path parameter over `maxParamLength` (414), a malformed percent-encoding
 * (400) — is answered in the contract's shape, `invalid_request`, with the request id, and
 * without echoing the URL (Fastify's own answer would repeat up to 16 kB of it).
 */
export function frameworkErrors(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const statusCode = tooLong ? 414 : 400;
  const message = tooLong ? 'A path segment of the URL is too long' : 'The URL is not valid';
  reply.header(REQUEST_ID_HEADER, request.id);
  send(reply, statusCode, errorBody(request, statusCode, 'invalid_request', message));
}
