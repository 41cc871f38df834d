import fp from 'fastify-plugin';
import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  API_ERROR_CODES,
  type ApiErrorBody,
  type ApiErrorCode,
} from '@oracle-ai/shared/util-api-contract';

/** What an error may add to the response made of it, beyond status, code and message. */
export interface HttpErrorExtras {
  /** Headers the error carries, e.g. the WWW-Authenticate challenge of an auth refusal. */
  headers?: Readonly<Record<string, string>>;
  /** Seconds a client should wait before retrying: sent as `Retry-After`. */
  retryAfterS?: number;
  /** Groups named in a 403 body, so the user knows what to request. */
  requiredGroups?: string[];
}

const KNOWN_CODES: ReadonlySet<string> = new Set(API_ERROR_CODES);

/**
 * The API-wide error and not-found handler: every error becomes the contract's JSON shape
 * `{ statusCode, error, code, message, requestId }` with the headers it carries. Client errors never become
 * 500s; server errors are logged and answered with a generic message. No error response may be
 * stored by any cache: it describes one request (its credentials, its path), not a resource.
 */
export const apiErrorHandler = fp(
  async (app) => {
    app.setErrorHandler<FastifyError & HttpErrorExtras>((error, request, reply) => {
      const statusCode =
        error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 600
          ? error.statusCode
          : 500;
      const code = apiCode(error, statusCode);
      if (statusCode >= 500 && code === 'internal_error') {
        request.log.error({ err: error }, 'request failed');
      } else {
        request.log.debug({ code, statusCode }, 'request refused');
      }
      const body = errorBody(
        request,
        statusCode,
        code,
        code === 'internal_error' ? 'Internal server error' : error.message,
      );
      if (error.requiredGroups !== undefined) body.requiredGroups = error.requiredGroups;
      for (const [name, value] of Object.entries(error.headers ?? {})) {
        if (typeof value === 'string') reply.header(name, value);
      }
      if (error.retryAfterS !== undefined) reply.header('retry-after', String(error.retryAfterS));
      return send(reply, statusCode, body);
    });

    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0];
      const message = `No route ${request.method} ${path}`;
      return send(reply, 404, errorBody(request, 404, 'not_found', message));
    });
  },
  { fastify: '5.x', name: 'oracle-ai-api-error-handler' },
);

/** The contract's code: the error's own when it is one (`@fastify/error` upper-cases them), else by status. */
function apiCode(error: FastifyError, statusCode: number): ApiErrorCode {
  const own = typeof error.code === 'string' ? error.code.toLowerCase() : '';
  if (KNOWN_CODES.has(own)) return own as ApiErrorCode;
  if (statusCode === 404) return 'not_found';
  // Fastify's own refusal of a body over the route's `bodyLimit`.
  if (statusCode === 413) return 'payload_too_large';
  return statusCode < 500 ? 'invalid_request' : 'internal_error';
}

/** The contract's error body; also used for the refusals Fastify makes before any handler (`framework-errors.ts`). */
export function errorBody(
  request: FastifyRequest,
  statusCode: number,
  code: ApiErrorCode,
  message: string,
): ApiErrorBody {
  const error = STATUS_CODES[statusCode] ?? 'Error';
  return { statusCode, error, code, message, requestId: request.id };
}

export function send(reply: FastifyReply, statusCode: number, body: ApiErrorBody): FastifyReply {
  return reply
    .code(statusCode)
    .header('cache-control', 'no-store')
    .type('application/json; charset=utf-8')
    .send(body);
}
