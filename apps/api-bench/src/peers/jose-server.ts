/**
 * Baseline peer: what a straightforward Fastify + jose setup gets. `createRemoteJWKSet` caches
 * the key set, but every request still pays a full `jwtVerify` (WebCrypto RS256) — no token cache.
 */
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { serveFastifyPeer } from './fastify-bearer-peer';
import { readPeerEnv } from './peer-env';

async function main(): Promise<void> {
  const env = readPeerEnv();
  const discovery = (await (
    await fetch(`${env.issuer}/.well-known/openid-configuration`)
  ).json()) as { jwks_uri: string };
  const jwks = createRemoteJWKSet(new URL(discovery.jwks_uri));

  await serveFastifyPeer(env, async (token) => {
    const { payload } = await jwtVerify(token, jwks, {
      issuer: env.issuer,
      audience: env.audience,
      algorithms: ['RS256'],
    });
    return payload;
  });
}

main().catch((error: unknown) => {
  console.error(`jose peer: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
