import { generateKeyPairSync } from 'node:crypto';
import { fitsAlgorithm, hasPrivateMembers, importPublicJwk } from './public-key';

const jwkOf = (type: 'rsa' | 'ec', options: object): Record<string, unknown> => {
  const { privateKey } = generateKeyPairSync(type as 'rsa', options as { modulusLength: number });
  return privateKey.export({ format: 'jwk' }) as Record<string, unknown>;
};
const publicOf = (jwk: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(jwk).filter(([name]) => !['d', 'p', 'q', 'dp', 'dq', 'qi'].includes(name)),
  );

describe('public JWK import', () => {
  const rsa = jwkOf('rsa', { modulusLength: 2048 });
  const ec = jwkOf('ec', { namedCurve: 'P-256' });

  it('imports the public key from its defining members only', () => {
    const key = importPublicJwk({
      ...publicOf(rsa),
      kid: 'k',
      x5u: 'https://evil.example/x',
      alg: 'RS256',
    });
    expect(key.type).toBe('public');
    expect(key.asymmetricKeyType).toBe('rsa');
    expect(importPublicJwk(publicOf(ec)).asymmetricKeyType).toBe('ec');
  });

  it.each(['d', 'k', 'p', 'oth'])('refuses a key carrying the private member %p', (member) => {
    const jwk = { ...publicOf(ec), [member]: 'x' };
    expect(hasPrivateMembers(jwk)).toBe(true);
    expect(() => importPublicJwk(jwk)).toThrow('private material');
  });

  it('refuses RSA under 2048 bits (RFC 7518 §3.3) and a malformed key', () => {
    expect(() => importPublicJwk(publicOf(jwkOf('rsa', { modulusLength: 1024 })))).toThrow(
      'shorter than 2048 bits',
    );
    expect(() => importPublicJwk({ kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' })).toThrow(
      'malformed',
    );
    expect(() => importPublicJwk({ kty: 'oct' })).toThrow('malformed');
  });

  it('fits a key to an algorithm by its type and curve', () => {
    expect(fitsAlgorithm(rsa, 'RS256')).toBe(true);
    expect(fitsAlgorithm(rsa, 'PS512')).toBe(true);
    expect(fitsAlgorithm(rsa, 'ES256')).toBe(false);
    expect(fitsAlgorithm(ec, 'ES256')).toBe(true);
    expect(fitsAlgorithm(ec, 'ES384')).toBe(false);
    expect(fitsAlgorithm(ec, 'HS256')).toBe(false);
  });
});
