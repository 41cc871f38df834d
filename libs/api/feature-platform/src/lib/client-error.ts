import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { ApiErrorBody } from '@oracle-ai/shared/util-api-contract';

/** What Node's HTTP server hands to `clientError`: a parser error carries the raw request bytes. */
type ClientError = Error & { code?: string };

const ANSWERS: Readonly<Record<number, string>> = {
  400: 'The request is not valid HTTP',
  408: 'The request did not arrive in time',
  431: 'The request line and headers are too large',
};

/**
 * The server's answer to a request its HTTP parser refused (Fastify's `clientErrorHandler`):
 * malformed syntax, headers past the limit, a request that did not arrive in time. Fastify's own
 * handler logs the error whole, and Node's parser errors carry `rawPacket`, the request's bytes —
 * an `Authorization` or `DPoP` header among them. Here only the parser's code is logged (debug), with
 * a request id that the answer repeats, and the answer has the contract's shape.
 */
export function answerClientError(this: FastifyInstance, error: ClientError, socket: Socket): void {
  // A reset connection, or one already gone: nobody to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const statusCode =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? 408
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? 431
        : 400;
  const requestId = randomUUID();
  const code =
    typeof error.code === 'string' && /^\w{1,64}$/.test(error.code) ? error.code : undefined;
  this.log.debug({ requestId, code, statusCode }, 'client error');
  // As Node does: a response already under way on this connection must not be corrupted.
  const inFlight = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (socket.writable && (inFlight == null || !inFlight.headersSent)) {
    socket.write(rawResponse(statusCode, requestId));
  }
  socket.destroy();
}

function rawResponse(statusCode: number, requestId: string): string {
  const reason = STATUS_CODES[statusCode] ?? 'Error';
  const body: ApiErrorBody = {
    statusCode,
    error: reason,
    code: 'invalid_request',
    message: ANSWERS[statusCode] ?? reason,
    requestId,
  };
  const json = JSON.stringify(body);
  return [
    `HTTP/1.1 ${statusCode} ${reason}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(json)}`,
    'Cache-Control: no-store',
    `X-Request-Id: ${requestId}`,
    'Connection: close',
    '',
    json,
  ].join('\r\n');
}
