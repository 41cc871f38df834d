/**
 * fast-jwt peer in its fastest form: Fastify + a synchronous `createVerifier({ cache: true })`
 * with the issuer's public key fetched once at start-up (discovery → JWKS → PEM). No key rotation,
 * so this is the best case fast-jwt can reach; @fastify/jwt's peer covers the get-jwks path.
 */
import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { createVerifier } from 'fast-jwt';
import { serveFastifyPeer } from './fastify-bearer-peer';
import { readPeerEnv } from './peer-env';

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

  await serveFastifyPeer(env, (token) => verify(token) as Record<string, unknown>);
}

main().catch((error: unknown) => {
  console.error(`fast-jwt peer: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
