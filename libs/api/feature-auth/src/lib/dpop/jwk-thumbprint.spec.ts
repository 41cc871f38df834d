import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { jwkThumbprint } from './jwk-thumbprint';

describe('jwkThumbprint', () => {
  it('is the RFC 7638 §3.1 example value', () => {
    const jwk = {
      kty: 'RSA',
      n: '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
      e: 'AQAB',
      alg: 'RS256',
      kid: '2011-04-29',
    };
    expect(jwkThumbprint(jwk)).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
  });

  it.each(['ES256', 'PS256', 'EdDSA'] as const)('agrees with jose for a %s key', async (alg) => {
    const { publicKey } = await generateKeyPair(alg, { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid: 'ignored', use: 'sig' };
    expect(jwkThumbprint(jwk as Record<string, unknown>)).toBe(await calculateJwkThumbprint(jwk));
  });

  it.each([
    [{ kty: 'oct', k: 'x' }],
    [{ kty: 'EC', crv: 'P-256', x: 'a' }],
    [{ kty: 'RSA', n: 1, e: 'AQAB' }],
    [{}],
  ])('has none for %p', (jwk) => {
    expect(jwkThumbprint(jwk)).toBeUndefined();
  });
});
