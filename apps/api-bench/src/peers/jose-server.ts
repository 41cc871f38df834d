/**
 * Baseline peer: what a straightforward Fastify + jose setup gets. `createRemoteJWKSet` caches
 * the key set, but every request still pays a full `jwtVerify` (WebCrypto RS256) — no token cache.
 */
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { closeOnSignals, groupsOf, meBody, readPeerEnv, REQUIRED_GROUP } from './peer-env';

declare module 'fastify' {
  interface FastifyRequest {
    claims: Record<string, unknown> | null;
  }
}

async function main(): Promise<void> {
  const env = readPeerEnv();
  const discovery = (await (
    await fetch(`${env.issuer}/.well-known/openid-configuration`)
  ).json()) as { jwks_uri: string };
  const jwks = createRemoteJWKSet(new URL(discovery.jwks_uri));

  const app = Fastify({ logger: { level: 'warn' }, disableRequestLogging: true });
  app.get('/healthz', async () => ({ status: 'ok' }));
  await app.register(
    async (api) => {
      api.decorateRequest('claims', null);
      api.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
        const [scheme, token] = (request.headers.authorization ?? '').split(' ');
        if (scheme !== 'Bearer' || !token) return reply.code(401).send({ error: 'missing_token' });
        try {
          const { payload } = await jwtVerify(token, jwks, {
            issuer: env.issuer,
            audience: env.audience,
            algorithms: ['RS256'],
          });
          request.claims = payload;
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

main().catch((error: unknown) => {
  console.error(`jose peer: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
