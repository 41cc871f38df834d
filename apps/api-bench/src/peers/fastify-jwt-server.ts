/**
 * @fastify/jwt peer, wired to get-jwks exactly as get-jwks' README shows (`secret` callback
 * returning the PEM for the token's kid/iss), with fast-jwt's verified-token cache switched on.
 */
import Fastify, { type FastifyRequest } from 'fastify';
import fastifyJwt, { type TokenOrHeader } from '@fastify/jwt';
import buildGetJwks from 'get-jwks';
import { closeOnSignals, groupsOf, meBody, readPeerEnv, REQUIRED_GROUP } from './peer-env';

declare module '@fastify/jwt' {
  interface FastifyJWT {
    user: Record<string, unknown>;
  }
}

interface CompleteToken {
  header: { kid?: string; alg?: string };
  payload: { iss?: string };
}

async function main(): Promise<void> {
  const env = readPeerEnv();
  const getJwks = buildGetJwks({ providerDiscovery: true, issuersWhitelist: [env.issuer] });

  const app = Fastify({ logger: { level: 'warn' }, disableRequestLogging: true });
  app.get('/healthz', async () => ({ status: 'ok' }));
  await app.register(
    async (api) => {
      await api.register(fastifyJwt, {
        decode: { complete: true },
        secret: async (_request: FastifyRequest, token: TokenOrHeader) => {
          const { header, payload } = token as CompleteToken;
          return getJwks.getPublicKey({ kid: header.kid, alg: header.alg, domain: payload.iss });
        },
        verify: {
          algorithms: ['RS256'],
          allowedIss: env.issuer,
          allowedAud: env.audience,
          cache: true,
        },
      });
      api.addHook('onRequest', async (request, reply) => {
        await request.jwtVerify();
        if (!groupsOf(request.user).includes(REQUIRED_GROUP))
          return reply.code(403).send({ error: 'group_required' });
      });
      api.get('/me', async (request) => meBody(request.user));
    },
    { prefix: '/api' },
  );
  closeOnSignals(() => app.close());
  await app.listen({ host: env.host, port: env.port });
}

main().catch((error: unknown) => {
  console.error(`@fastify/jwt peer: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
