import { generateKeyPairSync, sign } from 'node:crypto';
import { decodeJsonObject, splitCompactJws, verifySignature } from './compact-jws';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('compact JWS', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const signed = (alg = 'ES256') => {
    const input = `${b64url({ alg })}.${b64url({ sub: 'x' })}`;
    const signature = sign('sha256', Buffer.from(input), {
      key: privateKey,
      dsaEncoding: 'ieee-p1363',
    });
    return `${input}.${signature.toString('base64url')}`;
  };

  it('splits three base64url segments and keeps the signing input', () => {
    expect(splitCompactJws('aa.bb.cc', 100)).toEqual({
      header: 'aa',
      payload: 'bb',
      signature: 'cc',
      signingInput: 'aa.bb',
    });
  });

  it.each(['a.b', 'a.b.c.d', 'a..c', '.b.c', 'a.b.', 'a.b.c=', 'a b.c.d', `${'a'.repeat(30)}.b.c`])(
    'refuses %p',
    (value) => {
      expect(splitCompactJws(value, 32)).toBeUndefined();
    },
  );

  it('decodes a segment only when it is a JSON object', () => {
    expect(decodeJsonObject(b64url({ a: 1 }))).toEqual({ a: 1 });
    for (const value of [[1], 'text', null, 7])
      expect(decodeJsonObject(b64url(value))).toBeUndefined();
    expect(decodeJsonObject('%%%')).toBeUndefined();
  });

  it('verifies a signature, and refuses another algorithm, a truncated or a tampered one', () => {
    const jws = splitCompactJws(signed(), 1000);
    if (jws === undefined) throw new Error('not split');
    expect(verifySignature(jws, 'ES256', publicKey)).toBe(true);
    expect(verifySignature(jws, 'ES384', publicKey)).toBe(false);
    expect(verifySignature(jws, 'none', publicKey)).toBe(false);
    expect(
      verifySignature({ ...jws, signature: jws.signature.slice(0, -4) }, 'ES256', publicKey),
    ).toBe(false);
    expect(
      verifySignature({ ...jws, signingInput: `${jws.signingInput}x` }, 'ES256', publicKey),
    ).toBe(false);
  });
});
