import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { closeOnSignals, groupsOf, meBody, REQUIRED_GROUP, type PeerEnv } from './peer-env';

declare module 'fastify' {
  interface FastifyRequest {
    claims: Record<string, unknown> | null;
  }
}

/** Verifies a bearer token's signature, `iss` and `aud`; throws when any is wrong. */
export type VerifyToken = (
  token: string,
) => Record<string, unknown> | Promise<Record<string, unknown>>;

/**
 * The plain Fastify app the Fastify-based peers share, so they differ only in how they verify:
 * `/healthz` as the floor, and `/api/me` behind a hook requiring the `database` group.
 */
export async function serveFastifyPeer(env: PeerEnv, verify: VerifyToken): Promise<void> {
  const app = Fastify({ logger: { level: 'warn' }, disableRequestLogging: true });
  app.get('/healthz', async () => ({ status: 'ok' }));
  await app.register(
    async (api) => {
      api.decorateRequest('claims', null);
      api.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
        const [scheme, token] = (request.headers.authorization ?? '').split(' ');
        if (scheme !== 'Bearer' || !token) return reply.code(401).send({ error: 'missing_token' });
        try {
          const claims = verify(token);
          // A synchronous verifier (fast-jwt) must not pay for an extra microtask.
          request.claims = claims instanceof Promise ? await claims : claims;
        } catch {
          return reply
            .code(401)
            .header('www-authenticate', 'Bearer error="invalid_token"')
            .send({ error: 'invalid_token' });
        }
        if (!groupsOf(request.claims).includes(REQUIRED_GROUP))
          return reply.code(403).send({ error: 'group_required' });
      });
      api.get('/me', async (request) => meBody(request.claims ?? {}));
    },
    { prefix: '/api' },
  );
  closeOnSignals(() => app.close());
  await app.listen({ host: env.host, port: env.port });
}
