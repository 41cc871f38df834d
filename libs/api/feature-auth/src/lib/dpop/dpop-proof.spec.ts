import { createHash } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { DpopProofVerifier, type ProofExpectation } from './dpop-proof';
import { jwkThumbprint } from './jwk-thumbprint';

const NOW_S = 1_800_000_000;
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl';
const expected: ProofExpectation = {
  htm: 'GET',
  htu: 'https://api.example.com/api/me',
  ath: createHash('sha256').update(TOKEN).digest('base64url'),
};
const ath = (token: string) => createHash('sha256').update(token).digest('base64url');

describe('DpopProofVerifier', () => {
  let privateKey: CryptoKey;
  let jwk: JWK;
  let verifier: DpopProofVerifier;

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    privateKey = pair.privateKey;
    jwk = await exportJWK(pair.publicKey);
  });

  beforeEach(() => {
    verifier = new DpopProofVerifier({
      algorithms: ['ES256', 'PS256'],
      maxAgeS: 60,
      futureSkewS: 5,
      now: () => NOW_S * 1000,
    });
  });

  async function proof(
    claims: Record<string, unknown> = {},
    header: Record<string, unknown> = {},
    key: CryptoKey = privateKey,
  ): Promise<string> {
    return new SignJWT({
      jti: 'proof-1',
      htm: 'GET',
      htu: 'https://api.example.com/api/me',
      iat: NOW_S,
      ath: ath(TOKEN),
      ...claims,
    })
      .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk, ...header } as never)
      .sign(key, header['crit'] === undefined ? undefined : { crit: { x: true } });
  }

  const refusal = (promise: Promise<string>) =>
    promise.then((value) => {
      try {
        verifier.verify(value, expected);
      } catch (error) {
        return { code: (error as { code: string }).code, message: (error as Error).message };
      }
      return 'accepted';
    });

  it('accepts a proof for this request and token, and names its key', async () => {
    expect(verifier.verify(await proof(), expected)).toEqual({
      jkt: jwkThumbprint(jwk as Record<string, unknown>),
      jti: 'proof-1',
      iat: NOW_S,
      nonce: undefined,
    });
  });

  it('normalizes htu before comparing, ignoring query and fragment (RFC 9449 §4.3)', async () => {
    for (const htu of [
      'HTTPS://API.example.com:443/api/me',
      'https://api.example.com/api/me?x=1#y',
      'https://api.example.com/api/./me',
    ]) {
      expect(await refusal(proof({ htu }))).toBe('accepted');
    }
  });

  it.each([
    ['a wrong typ', {}, { typ: 'JWT' }, 'typ "dpop+jwt"'],
    ['no typ', {}, { typ: undefined }, 'typ "dpop+jwt"'],
    ['a critical extension', {}, { crit: ['x'], x: 1 }, 'unsupported JOSE feature'],
    ['no jwk', {}, { jwk: undefined }, 'public key in "jwk"'],
    ['a jwk that is a string', {}, { jwk: 'x' }, 'public key in "jwk"'],
    ['a wrong method', { htm: 'POST' }, {}, 'another method'],
    ['a lower-case method', { htm: 'get' }, {}, 'another method'],
    ['another URL', { htu: 'https://api.example.com/api/chat' }, {}, 'another URL'],
    ['another origin', { htu: 'https://evil.example.com/api/me' }, {}, 'another URL'],
    ['no htu', { htu: undefined }, {}, 'another URL'],
    ['no jti', { jti: undefined }, {}, 'needs a jti'],
    ['an empty jti', { jti: '' }, {}, 'needs a jti'],
    ['a huge jti', { jti: 'j'.repeat(257) }, {}, 'needs a jti'],
    ['a numeric jti', { jti: 7 }, {}, 'needs a jti'],
    ['no iat', { iat: undefined }, {}, 'needs an iat'],
    ['an iat as string', { iat: String(NOW_S) }, {}, 'needs an iat'],
    ['an old iat', { iat: NOW_S - 61 }, {}, 'too old'],
    ['a future iat', { iat: NOW_S + 6 }, {}, 'from the future'],
    ['no ath', { ath: undefined }, {}, 'another access token'],
    ['the ath of another token', { ath: ath('other') }, {}, 'another access token'],
    ['a non-string nonce', { nonce: 1 }, {}, 'nonce is malformed'],
  ])('refuses %s → invalid_dpop_proof', async (_name, claims, header, message) => {
    expect(await refusal(proof(claims, header))).toEqual({
      code: 'INVALID_DPOP_PROOF',
      message: expect.stringContaining(message),
    });
  });

  it('refuses a jwk with private members, whatever signed it', async () => {
    const { privateKey: other } = await generateKeyPair('ES256', { extractable: true });
    const exported = await exportJWK(other);
    expect(await refusal(proof({}, { jwk: exported }, other))).toMatchObject({
      message: expect.stringContaining('must be a public key'),
    });
  });

  it('refuses a signature by another key than the one in jwk', async () => {
    const { privateKey: other } = await generateKeyPair('ES256');
    expect(await refusal(proof({}, {}, other))).toMatchObject({
      message: expect.stringContaining('signature is invalid'),
    });
  });

  it('refuses an algorithm outside the list, none and HS256 included', async () => {
    const body = Buffer.from(JSON.stringify({ jti: 'j', htm: 'GET' })).toString('base64url');
    for (const alg of ['none', 'HS256', 'ES384']) {
      const header = Buffer.from(JSON.stringify({ alg, typ: 'dpop+jwt', jwk })).toString(
        'base64url',
      );
      expect(() => verifier.verify(`${header}.${body}.c2ln`, expected)).toThrow(
        'algorithm this API does not accept',
      );
    }
  });

  it('refuses a key that does not fit its algorithm (an EC key under PS256)', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'PS256', typ: 'dpop+jwt', jwk })).toString(
      'base64url',
    );
    expect(() => verifier.verify(`${header}.e30.c2ln`, expected)).toThrow(
      'does not fit its algorithm',
    );
  });

  it.each(['not-a-jws', 'a.b', 'a.b.c.d', `${'a'.repeat(9000)}.b.c`, '!!.e30.c2ln'])(
    'refuses a malformed proof %p',
    (value) => {
      expect(() => verifier.verify(value, expected)).toThrow(
        expect.objectContaining({ code: 'INVALID_DPOP_PROOF' }),
      );
    },
  );

  it('remembers only headers that passed: a refused header is refused again', async () => {
    const bad = await proof({}, { typ: 'JWT' });
    expect(() => verifier.verify(bad, expected)).toThrow('typ "dpop+jwt"');
    expect(() => verifier.verify(bad, expected)).toThrow('typ "dpop+jwt"');
    // A valid header's verdict never lets a bad signature through.
    const good = await proof();
    verifier.verify(good, expected);
    const forged = `${good.slice(0, good.lastIndexOf('.'))}.${'A'.repeat(86)}`;
    expect(() => verifier.verify(forged, expected)).toThrow('signature is invalid');
  });

  it('imports a proof key once, however many proofs it signs', async () => {
    const crypto = jest.requireActual<typeof import('node:crypto')>('node:crypto');
    const imports = jest.spyOn(crypto, 'createPublicKey');
    for (let i = 0; i < 5; i++) verifier.verify(await proof({ jti: `p${i}` }), expected);
    expect(imports.mock.calls.length).toBeLessThanOrEqual(1);
    imports.mockRestore();
  });
});
