import cors from '@fastify/cors';
import fp from 'fastify-plugin';

export interface CorsPolicyOptions {
  /** Exact origins allowed to call the API from a browser. */
  origins: readonly string[];
}

/**
 * CORS for the SPA on its own origin: an exact allowlist, no credentials (the API takes bearer
 * tokens, never cookies), only the methods and headers the API uses (a `DPoP` proof included), and the headers a browser
 * client needs to read on a refusal (`DPoP-Nonce` included) (and the request id to quote). Preflights are cached 10 min.
 */
export const corsPolicy = fp<CorsPolicyOptions>(
  async (app, options) => {
    await app.register(cors, {
      origin: [...options.origins],
      credentials: false,
      methods: ['GET', 'HEAD'],
      allowedHeaders: ['Authorization', 'Content-Type', 'DPoP'],
      exposedHeaders: ['WWW-Authenticate', 'Retry-After', 'X-Request-Id', 'DPoP-Nonce'],
      maxAge: 600,
    });
  },
  { fastify: '5.x', name: 'oracle-ai-cors-policy' },
);
