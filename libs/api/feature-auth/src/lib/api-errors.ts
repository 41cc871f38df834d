import fp from 'fastify-plugin';
import { STATUS_CODES } from 'node:http';
import type { FastifyError } from 'fastify';
import {
  API_ERROR_CODES,
  type ApiErrorBody,
  type ApiErrorCode,
} from '@oracle-ai/shared/util-api-contract';
import { bearerChallenge, type RequiredGroups, type RetryAfter } from './errors';

const KNOWN_CODES = new Set<string>(API_ERROR_CODES);

/**
 * Turns every error into the API's JSON error shape `{ statusCode, error, code, message }` with the
 * RFC 6750 challenge on 401/403. Client errors never become 500s; server errors are logged and
 * answered with a generic message. No error response may be stored by any cache: it describes
 * one request (its credentials, its path), not a resource — unknown paths below `/api` included.
 */
export const apiErrors = fp(
  async (app) => {
    app.setErrorHandler<FastifyError & RetryAfter & RequiredGroups>((error, request, reply) => {
      const statusCode =
        error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 600
          ? error.statusCode
          : 500;
      // @fastify/error upper-cases codes; the API's codes are their lower-case form.
      const ownCode = typeof error.code === 'string' ? error.code.toLowerCase() : '';
      const code: ApiErrorCode = KNOWN_CODES.has(ownCode)
        ? (ownCode as ApiErrorCode)
        : statusCode === 404
          ? 'not_found'
          : statusCode < 500
            ? 'invalid_request'
            : 'internal_error';

      if (statusCode >= 500 && code !== 'idp_unavailable') {
        request.log.error({ err: error }, 'request failed');
      } else {
        request.log.debug({ code, statusCode }, 'request refused');
      }

      const message =
        statusCode >= 500 && code === 'internal_error' ? 'Internal server error' : error.message;
      const body: ApiErrorBody = {
        statusCode,
        error: STATUS_CODES[statusCode] ?? 'Error',
        code,
        message,
      };
      if (error.requiredGroups !== undefined) body.requiredGroups = error.requiredGroups;

      const challenge = bearerChallenge(code, statusCode, message);
      if (challenge !== undefined && (code !== 'invalid_request' || KNOWN_CODES.has(ownCode))) {
        reply.header('www-authenticate', challenge);
      }
      if (error.retryAfterS !== undefined) reply.header('retry-after', String(error.retryAfterS));
      reply.header('cache-control', 'no-store');
      return reply.code(statusCode).type('application/json; charset=utf-8').send(body);
    });

    app.setNotFoundHandler((request, reply) => {
      const body: ApiErrorBody = {
        statusCode: 404,
        error: 'Not Found',
        code: 'not_found',
        message: `No route ${request.method} ${request.url.split('?')[0]}`,
      };
      return reply.code(404).header('cache-control', 'no-store').send(body);
    });
  },
  { fastify: '5.x', name: 'oracle-ai-api-errors' },
);
