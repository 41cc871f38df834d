import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import fp from 'fastify-plugin';

export const REQUEST_ID_HEADER = 'x-request-id';

/** What an upstream may hand us as an id: short, and nothing a log or header could be broken with. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The request's id (Fastify's `genReqId`): a safe incoming `X-Request-Id` is kept, so one id ties a
 * gateway's log line to ours; anything else (absent, too long, spaces, two header lines joined by
 * Node with ", ") gets a new UUID.
 */
export function requestIdOf(request: IncomingMessage): string {
  const incoming = request.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** What request log lines call the id (Fastify's `LogController` option). */
export const REQUEST_ID_LOG_LABEL = 'requestId';

/**
 * Echoes the request id on every response (`X-Request-Id`), answers and refusals alike; the error
 * handler repeats it in the body. The Fastify instance makes the ids with {@link requestIdOf}.
 */
export const requestIds = fp(
  async (app) => {
    app.addHook('onRequest', (request, reply, done) => {
      reply.header(REQUEST_ID_HEADER, request.id);
      done();
    });
  },
  { fastify: '5.x', name: 'oracle-ai-request-ids' },
);
