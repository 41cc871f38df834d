import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

export interface CorsPolicyOptions {
  /** Exact origins allowed to call the API from a browser. */
  origins: readonly string[];
}

/** What a browser client may read on any answer: the challenge, the back-off, the id to quote, a DPoP nonce. */
const EXPOSED_HEADERS = 'WWW-Authenticate, Retry-After, X-Request-Id, DPoP-Nonce';

/**
 * A preflight's answer: the methods the API has (POST: the assistant's completions), the headers a
 * token-bearing JSON request sends, cached 10 min.
 */
const PREFLIGHT_HEADERS = {
  'access-control-allow-methods': 'GET, HEAD, POST',
  'access-control-allow-headers': 'Authorization, Content-Type, DPoP',
  'access-control-max-age': '600',
  'content-length': '0',
} as const;

/**
 * CORS for the SPA on its own origin (Fetch standard, "CORS protocol"): an exact allowlist, no
 * credentials (the API takes tokens in headers, never cookies), only the methods and headers the API
 * uses, and the headers a browser client needs to read on a refusal.
 *
 * Every answer says `Vary: Origin`, because whether it carries `Access-Control-Allow-Origin`
 * depends on that header. A preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`)
 * is answered `204` before any other hook, because a browser sends it without the token; from an
 * origin outside the list it gets no grant, so the browser stops there. Any other `OPTIONS` is an
 * unknown route. A request without `Origin` (a script, a server) pays one header and a lookup.
 */
export const corsPolicy = fp<CorsPolicyOptions>(
  async (app, options) => {
    const allowed = new Set(options.origins);

    app.addHook('onRequest', (request, reply, done) => {
      reply.header('vary', 'Origin');
      const origin = request.headers.origin;
      if (origin === undefined || !allowed.has(origin)) return done();
      reply.header('access-control-allow-origin', origin);
      if (isPreflight(request)) {
        reply.code(204).headers(PREFLIGHT_HEADERS).send();
        return;
      }
      reply.header('access-control-expose-headers', EXPOSED_HEADERS);
      done();
    });

    // Routes OPTIONS to one place; an allowed preflight never gets here (the hook answered it).
    // Registered before the OpenAPI plugin, it stays out of the document.
    app.options('*', (request: FastifyRequest, reply: FastifyReply) => {
      if (!isPreflight(request)) return reply.callNotFound();
      return reply.code(204).header('content-length', '0').send();
    });
  },
  { fastify: '5.x', name: 'oracle-ai-cors-policy' },
);

function isPreflight(request: FastifyRequest): boolean {
  return (
    request.method === 'OPTIONS' &&
    request.headers.origin !== undefined &&
    request.headers['access-control-request-method'] !== undefined
  );
}
