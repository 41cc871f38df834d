/**
 * fast-jwt peer in its fastest form: Fastify + a synchronous `createVerifier({ cache: true })`
 * with the issuer's public key fetched once at start-up (discovery → JWKS → PEM). No key rotation,
 * so this is the best case fast-jwt can reach; @fastify/jwt's peer covers the get-jwks path.
 */
import { createPublicKey, type JsonWebKey } from 'node:crypto';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { createVerifier } from 'fast-jwt';
import { closeOnSignals, groupsOf, meBody, readPeerEnv, REQUIRED_GROUP } from './peer-env';

declare module 'fastify' {
  interface FastifyRequest {
    claims: Record<string, unknown> | null;
  }
}

async function fetchSigningKeyPem(issuer: string): Promise<string> {
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
    jwks_uri: string;
  };
  const jwks = (await (await fetch(discovery.jwks_uri)).json()) as { keys: JsonWebKey[] };
  const jwk = jwks.keys.find((key) => key['kty'] === 'RSA' && key['use'] !== 'enc');
  if (jwk === undefined) throw new Error('the JWKS holds no RSA signing key');
  return createPublicKey({ key: jwk, format: 'jwk' })
    .export({ type: 'spki', format: 'pem' })
    .toString();
}

async function main(): Promise<void> {
  const env = readPeerEnv();
  const verify = createVerifier({
    key: await fetchSigningKeyPem(env.issuer),
    cache: true,
    algorithms: ['RS256'],
    allowedIss: env.issuer,
    allowedAud: env.audience,
  });

  const app = Fastify({ logger: { level: 'warn' }, disableRequestLogging: true });
  app.get('/healthz', async () => ({ status: 'ok' }));
  await app.register(
    async (api) => {
      api.decorateRequest('claims', null);
      api.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
        const [scheme, token] = (request.headers.authorization ?? '').split(' ');
        if (scheme !== 'Bearer' || !token) return reply.code(401).send({ error: 'missing_token' });
        try {
          request.claims = verify(token) as Record<string, unknown>;
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
  console.error(`fast-jwt peer: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
