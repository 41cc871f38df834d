/**
 * @jest-environment node
 */
// Node's WebCrypto, as the browser's: jsdom has no `crypto.subtle`.
import { createHash } from 'node:crypto';
import { decodeProtectedHeader, EmbeddedJWK, jwtVerify } from 'jose';
import { DpopKey } from './dpop-key';

const HTU = 'https://api.example.com/api/me';

describe('DpopKey', () => {
  afterEach(() => jest.restoreAllMocks());

  it('signs an RFC 9449 proof with ES256 and the public key only', async () => {
    const proof = await new DpopKey().sign({ htm: 'GET', htu: HTU });
    const { payload, protectedHeader } = await jwtVerify(proof, EmbeddedJWK, {
      algorithms: ['ES256'],
      typ: 'dpop+jwt',
    });
    expect(protectedHeader).toEqual({
      alg: 'ES256',
      typ: 'dpop+jwt',
      jwk: { kty: 'EC', crv: 'P-256', x: expect.any(String), y: expect.any(String) },
    });
    expect(payload).toEqual({
      htm: 'GET',
      htu: HTU,
      iat: expect.any(Number),
      jti: expect.any(String),
    });
    expect(Math.abs((payload.iat ?? 0) - Date.now() / 1000)).toBeLessThan(5);
  });

  it('puts the nonce and the hash of the access token in when given', async () => {
    const proof = await new DpopKey().sign({
      htm: 'GET',
      htu: HTU,
      nonce: 'n-1',
      accessToken: 'at-1',
    });
    const { payload } = await jwtVerify(proof, EmbeddedJWK, { algorithms: ['ES256'] });
    expect(payload).toMatchObject({
      nonce: 'n-1',
      ath: createHash('sha256').update('at-1').digest('base64url'),
    });
  });

  it('signs with one key per page, a new jti for every proof', async () => {
    const key = new DpopKey();
    const [first, second] = [
      await key.sign({ htm: 'GET', htu: HTU }),
      await key.sign({ htm: 'GET', htu: HTU }),
    ];
    expect(decodeProtectedHeader(first).jwk).toEqual(decodeProtectedHeader(second).jwk);
    const jti = async (proof: string) =>
      (await jwtVerify(proof, EmbeddedJWK, { algorithms: ['ES256'] })).payload.jti;
    expect(await jti(first)).not.toBe(await jti(second));
    expect(
      decodeProtectedHeader(await new DpopKey().sign({ htm: 'GET', htu: HTU })).jwk,
    ).not.toEqual(decodeProtectedHeader(first).jwk);
  });

  it('makes the private key non-extractable', async () => {
    const generateKey = jest.spyOn(crypto.subtle, 'generateKey');
    await new DpopKey().sign({ htm: 'GET', htu: HTU });
    expect(generateKey).toHaveBeenCalledTimes(1);
    const { privateKey } = (await generateKey.mock.results[0].value) as CryptoKeyPair;
    expect(privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('jwk', privateKey)).rejects.toThrow();
  });

  it('tries again with a new key when making one failed', async () => {
    const generateKey = jest.spyOn(crypto.subtle, 'generateKey');
    generateKey.mockRejectedValueOnce(new Error('no entropy'));
    const key = new DpopKey();
    await expect(key.sign({ htm: 'GET', htu: HTU })).rejects.toThrow('no entropy');
    await expect(key.sign({ htm: 'GET', htu: HTU })).resolves.toEqual(expect.any(String));
  });
});
