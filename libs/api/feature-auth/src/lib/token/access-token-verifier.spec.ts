import { createHmac, createPrivateKey, sign as nodeSign } from 'node:crypto';
import { exportJWK } from 'jose';
import { createSigningKey, TestIssuer } from '@oracle-ai/api/testing-issuer';
import { loadApiConfig } from '@oracle-ai/api/util-config';
import { createAuth, type AuthRuntime } from '../create-auth';
import type { VerifiedAccessToken } from './access-token-verifier';

const DPOP_DEFAULTS = loadApiConfig({ AUTH_ISSUER: 'https://x.example', AUTH_AUDIENCE: 'x' }).auth
  .dpop;

const b64url = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** Every refusal reason with its code, and the verified-token cache, which must never change an outcome. */
describe('AccessTokenVerifier', () => {
  let issuer: TestIssuer;
  let auth: AuthRuntime;
  let clock: number;
  const logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn() };

  beforeEach(async () => {
    issuer = await TestIssuer.start();
    clock = Date.now();
    auth = createAuth(
      {
        issuer: issuer.issuer,
        audiences: ['oracle-ai-api'],
        algorithms: ['RS256', 'PS256', 'ES256'],
        clockToleranceS: 30,
        groupsClaim: 'groups',
        requiredGroups: ['database'],
        chatGroups: ['oracle-ai-users'],
        dpop: DPOP_DEFAULTS,
      },
      { logger, now: () => clock, publicUrl: 'http://localhost:3000' },
    );
  });

  afterEach(() => issuer.stop());

  /** Whether the verifier answers this token at once, from what it verified before. */
  const known = (token: string, presenter?: object) => {
    const result = auth.verifier.verify(token, presenter);
    if (result instanceof Promise) {
      result.catch(() => undefined);
      return undefined;
    }
    return result;
  };
  /** A token enters the cache on its second successful verification. */
  const verifyUntilCached = async (token: string): Promise<VerifiedAccessToken> => {
    await auth.verifier.verify(token);
    return auth.verifier.verify(token);
  };
  const tamperedCopy = (token: string) =>
    `${token.slice(0, -4)}${token.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
  /** The key store fetches the JWKS again: a token by an unknown key, past the refetch cooldown. */
  const refetchKeys = async () => {
    clock += 31_000;
    await Promise.resolve(
      auth.verifier.verify(await issuer.mint({ key: await createSigningKey('RS256') })),
    ).catch(() => undefined);
  };

  it('a repeated token is verified twice, then answered at once without the key store', async () => {
    const token = await issuer.mint();
    const getKey = jest.spyOn(auth.keyStore, 'getKey');
    expect(auth.verifier.verify(token)).toBeInstanceOf(Promise);
    const second = await auth.verifier.verify(token);
    expect(getKey).toHaveBeenCalledTimes(2);
    for (let i = 0; i < 3; i++) expect(auth.verifier.verify(token)).toBe(second);
    expect(getKey).toHaveBeenCalledTimes(2);
  });

  it('a token verified once does not enter the cache', async () => {
    const token = await issuer.mint();
    await auth.verifier.verify(token);
    expect(known(token)).toBeUndefined();
  });

  it('a verified token and its user are frozen: nothing a handler does reaches the next request', async () => {
    const token = await issuer.mint({ claims: { realm_access: { roles: ['database'] } } });
    const verified = await verifyUntilCached(token);
    expect(Object.isFrozen(verified)).toBe(true);
    expect(Object.isFrozen(verified.claims)).toBe(true);
    expect(Object.isFrozen(verified.claims['realm_access'])).toBe(true);
    expect(Object.isFrozen(verified.user)).toBe(true);
    expect(Object.isFrozen(verified.user.groups)).toBe(true);
    expect(() => (verified.user.groups as string[]).push('oracle-ai-admins')).toThrow(TypeError);
    expect(() => Object.assign(verified.user, { sub: 'admin' })).toThrow(TypeError);
    expect(known(token)?.user.groups).toEqual(['database', 'oracle-ai-users']);
  });

  it('a cached token with a tampered signature is still refused', async () => {
    const token = await issuer.mint();
    await verifyUntilCached(token);
    await expect(auth.verifier.verify(tamperedCopy(token))).rejects.toMatchObject({
      code: 'INVALID_SIGNATURE',
    });
    await expect(auth.verifier.verify(tamperedCopy(token))).rejects.toMatchObject({
      code: 'INVALID_SIGNATURE',
    });
  });

  it('a cached token expires on time: exp is re-checked on every hit', async () => {
    const exp = Math.floor(clock / 1000) + 60;
    const token = await issuer.mint({ claims: { exp } });
    await verifyUntilCached(token);
    expect(known(token)).toBeDefined();
    clock = (exp + 31) * 1000;
    await expect(auth.verifier.verify(token)).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
  });

  describe('a cached token is never served once the key that verified it left the set', () => {
    it.each([
      ['with a kid', {}, 'UNKNOWN_SIGNING_KEY'],
      // RFC 7515 lets a token omit kid when one key fits; the entry is tied to that key, not to a kid.
      ['without a kid', { header: { kid: undefined } }, 'INVALID_SIGNATURE'],
    ])('a token %s', async (_name, mintOptions, code) => {
      const token = await issuer.mint(mintOptions);
      const connection = {};
      await verifyUntilCached(token);
      expect(known(token, connection)).toBeDefined();
      expect(known(token, connection)).toBeDefined();
      await issuer.rotate({ dropOld: true });
      await refetchKeys();
      expect(known(token, connection)).toBeUndefined();
      expect(known(token)).toBeUndefined();
      await expect(auth.verifier.verify(token)).rejects.toMatchObject({ code });
    });

    it('a key published again under its kid with other material voids what the old one verified', async () => {
      const token = await issuer.mint();
      await verifyUntilCached(token);
      const replacement = await createSigningKey('RS256', issuer.currentKey.kid);
      issuer.route('/jwks', (_request, response) => {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ keys: [replacement.publicJwk] }));
      });
      await refetchKeys();
      expect(known(token)).toBeUndefined();
      await expect(auth.verifier.verify(token)).rejects.toMatchObject({
        code: 'INVALID_SIGNATURE',
      });
    });

    it('a key still published keeps what it verified across refetches', async () => {
      const token = await issuer.mint({ header: { kid: undefined } });
      await verifyUntilCached(token);
      await refetchKeys();
      expect(known(token)).toBeDefined();
    });
  });

  describe('a token presented again on the same connection', () => {
    const connection = {};

    it("is answered from the connection's memory only after a cache hit vouched for it", async () => {
      const token = await issuer.mint();
      await auth.verifier.verify(token);
      const verified = await auth.verifier.verify(token);
      expect(known(token, connection)).toBe(verified);
      expect(known(token, connection)).toBe(verified);
      expect(known(tamperedCopy(token), connection)).toBeUndefined();
      expect(known(`${token}.`, connection)).toBeUndefined();
    });

    it('expires on time', async () => {
      const exp = Math.floor(clock / 1000) + 60;
      const token = await issuer.mint({ claims: { exp } });
      await verifyUntilCached(token);
      expect(known(token, connection)).toBeDefined();
      clock = (exp + 31) * 1000;
      expect(known(token, connection)).toBeUndefined();
    });
  });

  it('failures are not cached as successes', async () => {
    issuer.setOutage('error');
    const token = await issuer.mint();
    await expect(auth.verifier.verify(token)).rejects.toMatchObject({ code: 'IDP_UNAVAILABLE' });
    issuer.setOutage('none');
    clock += 6_000;
    await expect(auth.verifier.verify(token)).resolves.toMatchObject({
      claims: { sub: 'user-alice' },
    });

    const wrongAudience = await issuer.mint({ claims: { aud: 'other' } });
    await expect(auth.verifier.verify(wrongAudience)).rejects.toMatchObject({
      code: 'INVALID_AUDIENCE',
    });
    await expect(auth.verifier.verify(wrongAudience)).rejects.toMatchObject({
      code: 'INVALID_AUDIENCE',
    });
  });

  it.each(['PS256', 'ES256', 'EdDSA'] as const)(
    'verifies %s signatures through node:crypto',
    async (alg) => {
      const other = await TestIssuer.start({ alg });
      try {
        const runtime = createAuth(
          {
            issuer: other.issuer,
            audiences: ['oracle-ai-api'],
            algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'],
            clockToleranceS: 30,
            groupsClaim: 'groups',
            requiredGroups: ['database'],
            chatGroups: [],
            dpop: DPOP_DEFAULTS,
          },
          { logger, publicUrl: 'http://localhost:3000' },
        );
        await expect(runtime.verifier.verify(await other.mint())).resolves.toMatchObject({
          claims: { sub: 'user-alice' },
        });
        const [header, payload] = (await other.mint()).split('.');
        const forged = `${header}.${payload}.${(await other.mint({ claims: { sub: 'x' } })).split('.')[2]}`;
        await expect(runtime.verifier.verify(forged)).rejects.toMatchObject({
          code: 'INVALID_SIGNATURE',
        });
      } finally {
        await other.stop();
      }
    },
  );

  /** The refusal as the bearer hook gets it: a 401 with the contract's code. */
  async function expectRefused(token: string, code: string): Promise<Error> {
    const error = await Promise.resolve(auth.verifier.verify(token)).then(
      () => {
        throw new Error(`token accepted, expected ${code}`);
      },
      (refusal: Error) => refusal,
    );
    expect(error).toMatchObject({ code: code.toUpperCase(), statusCode: 401 });
    return error;
  }

  describe('refusals, each with its stable code', () => {
    it.each(['a b', '"abc"', 'a=b', 'tok,en', 'a;b', 'a\tb', 'é.b.c'])(
      'token %p outside RFC 6750 b64token → 400 invalid_request',
      async (token) => {
        await expect(Promise.resolve(auth.verifier.verify(token))).rejects.toMatchObject({
          code: 'INVALID_REQUEST',
          statusCode: 400,
        });
      },
    );

    it.each([
      'not-a-jwt',
      'a.b',
      'a.b.c.d',
      'eyJhbGciOiJSUzI1NiJ9.e30.',
      `${b64url('"str"')}.${b64url({})}.c2ln`,
    ])('malformed token %p → invalid_token', async (token) => {
      await expectRefused(token, 'invalid_token');
    });

    it('expired → token_expired', async () => {
      const now = Math.floor(Date.now() / 1000);
      const token = await issuer.mint({ claims: { iat: now - 600, exp: now - 120 } });
      const error = await expectRefused(token, 'token_expired');
      expect(error.message).not.toContain(token);
    });

    it('nbf in the future → token_not_yet_valid', async () => {
      const now = Math.floor(Date.now() / 1000);
      const token = await issuer.mint({ claims: { nbf: now + 120 } });
      await expectRefused(token, 'token_not_yet_valid');
    });

    it('iat in the future → token_not_yet_valid', async () => {
      const now = Math.floor(Date.now() / 1000);
      const token = await issuer.mint({ claims: { iat: now + 120 } });
      await expectRefused(token, 'token_not_yet_valid');
    });

    it.each([
      ['wrong issuer', { iss: 'https://evil.example.com' }],
      ['issuer with a trailing slash', { iss: 'TRAILING' }],
    ])('%s → invalid_issuer', async (_name, claims) => {
      const iss = claims.iss === 'TRAILING' ? `${issuer.issuer}/` : claims.iss;
      const token = await issuer.mint({ claims: { iss } });
      await expectRefused(token, 'invalid_issuer');
    });

    it.each([['another-api'], [['another-api', 'third']]])(
      'audience %p → invalid_audience',
      async (aud) => {
        const token = await issuer.mint({ claims: { aud } });
        await expectRefused(token, 'invalid_audience');
      },
    );

    it.each(['exp', 'sub', 'aud', 'iss'])('missing %s → missing_claim', async (claim) => {
      const token = await issuer.mint({ omit: [claim] });
      const error = await expectRefused(token, 'missing_claim');
      expect(error.message).toContain(claim);
    });

    it.each([
      ['exp as a string', { exp: 'tomorrow' }],
      ['sub as a number', { sub: 42 }],
      ['empty sub', { sub: '' }],
      ['nbf as an object', { nbf: {} }],
    ])('%s → invalid_token', async (_name, claims) => {
      const token = await issuer.mint({ claims });
      await expectRefused(token, 'invalid_token');
    });

    it('signature by an unpublished key with a known kid → invalid_signature', async () => {
      const rogue = await createSigningKey('RS256');
      const token = await issuer.mint({ key: { ...rogue, kid: issuer.currentKey.kid } });
      await expectRefused(token, 'invalid_signature');
    });

    it('tampered payload → invalid_signature', async () => {
      const [header, , signature] = (await issuer.mint()).split('.');
      const payload = b64url({
        iss: issuer.issuer,
        aud: 'oracle-ai-api',
        sub: 'admin',
        exp: 9999999999,
        groups: ['database'],
      });
      await expectRefused(`${header}.${payload}.${signature}`, 'invalid_signature');
    });

    it('alg "none" → unsupported_algorithm', async () => {
      const token = `${b64url({ alg: 'none', typ: 'at+jwt' })}.${b64url({ iss: issuer.issuer, aud: 'oracle-ai-api', sub: 'x', exp: 9999999999 })}.`;
      // An empty signature segment fails the compact-form check first: either way it is refused.
      await expectRefused(`${token}AA`, 'unsupported_algorithm');
    });

    it('HS256 signed with the public key as secret (algorithm confusion) → unsupported_algorithm', async () => {
      const header = b64url({ alg: 'HS256', kid: issuer.currentKey.kid });
      const payload = b64url({
        iss: issuer.issuer,
        aud: 'oracle-ai-api',
        sub: 'x',
        exp: 9999999999,
        groups: ['database'],
      });
      const secret = JSON.stringify(issuer.currentKey.publicJwk);
      const signature = createHmac('sha256', secret)
        .update(`${header}.${payload}`)
        .digest('base64url');
      await expectRefused(`${header}.${payload}.${signature}`, 'unsupported_algorithm');
    });

    it('an allowed algorithm the key does not fit (PS256 header, RS256 key) → unknown_signing_key', async () => {
      const privateKey = createPrivateKey({
        key: (await exportJWK(issuer.currentKey.privateKey)) as never,
        format: 'jwk',
      });
      const header = b64url({ alg: 'PS256', kid: issuer.currentKey.kid });
      const payload = b64url({
        iss: issuer.issuer,
        aud: 'oracle-ai-api',
        sub: 'x',
        exp: 9999999999,
        groups: ['database'],
      });
      const signature = nodeSign('sha256', Buffer.from(`${header}.${payload}`), {
        key: privateKey,
        padding: 6,
        saltLength: 32,
      }).toString('base64url');
      await expectRefused(`${header}.${payload}.${signature}`, 'unknown_signing_key');
    });

    it('unknown kid → unknown_signing_key', async () => {
      const rogue = await createSigningKey('RS256');
      const token = await issuer.mint({ key: rogue });
      await expectRefused(token, 'unknown_signing_key');
    });

    it.each([
      ['number', 42],
      ['object', { $ne: null }],
    ])('kid of type %s → invalid_token', async (_name, kid) => {
      const token = await issuer.mint({ header: { kid: kid as never } });
      await expectRefused(token, 'invalid_token');
    });

    it('embedded keys (jwk, jku, x5u, x5c) are never used to find the key', async () => {
      const rogue = await createSigningKey('RS256');
      const token = await issuer.mint({
        key: rogue,
        header: {
          kid: undefined,
          jwk: rogue.publicJwk,
          jku: 'https://evil.example.com/jwks',
          x5u: 'https://evil.example.com/x5u',
          x5c: ['MIIB'],
        },
      });
      await expectRefused(token, 'invalid_signature');
    });

    it('an unknown critical header → invalid_token', async () => {
      const token = await issuer.mint({
        header: { crit: ['exp-policy'], 'exp-policy': 1 },
        crit: { 'exp-policy': true },
      });
      await expectRefused(token, 'invalid_token');
    });

    it.each([
      ['an ID token typ', { header: { typ: 'id_token+jwt' } }],
      ['a logout token typ', { header: { typ: 'logout+jwt' } }],
      ['a Keycloak ID token', { claims: { typ: 'ID' } }],
      ['an ID token with at_hash', { claims: { at_hash: 'abc' } }],
    ])('%s → invalid_token_type', async (_name, options) => {
      const token = await issuer.mint(options as never);
      await expectRefused(token, 'invalid_token_type');
    });
  });
});
