import { TestIssuer } from '@oracle-ai/api/testing-issuer';
import { createAuth, type AuthRuntime } from './create-auth';

/** Properties of the verified-token cache, seen through the verifier (issue: it must not change outcomes). */
describe('AccessTokenVerifier with its verified-token cache', () => {
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
        algorithms: ['RS256'],
        clockToleranceS: 30,
        groupsClaim: 'groups',
        requiredGroups: ['database'],
        chatGroups: ['oracle-ai-users'],
      },
      { logger, now: () => clock },
    );
  });

  afterEach(() => issuer.stop());

  it('a repeated token is verified once: the second call does not reach the key store', async () => {
    const token = await issuer.mint();
    const getKey = jest.spyOn(auth.keyStore, 'getKey');
    const first = await auth.verifier.verify(token);
    const second = await auth.verifier.verify(token);
    expect(second).toBe(first);
    expect(getKey).toHaveBeenCalledTimes(1);
  });

  it('a cached token with a tampered signature is still refused', async () => {
    const token = await issuer.mint();
    await auth.verifier.verify(token);
    const tampered = `${token.slice(0, -4)}${token.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    await expect(auth.verifier.verify(tampered)).rejects.toMatchObject({
      code: 'INVALID_SIGNATURE',
    });
  });

  it('a cached token expires on time: exp is re-checked on every hit', async () => {
    const exp = Math.floor(clock / 1000) + 60;
    const token = await issuer.mint({ claims: { exp } });
    await auth.verifier.verify(token);
    clock = (exp + 31) * 1000;
    await expect(auth.verifier.verify(token)).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
  });

  it('cached tokens die with their signing key', async () => {
    const token = await issuer.mint();
    await auth.verifier.verify(token);
    await issuer.rotate({ dropOld: true });
    clock += 31_000;
    // A token signed by the new key makes the store refetch; the old key is gone from the set.
    await auth.verifier.verify(await issuer.mint());
    await expect(auth.verifier.verify(token)).rejects.toMatchObject({
      code: 'UNKNOWN_SIGNING_KEY',
    });
  });

  describe('a token presented again on the same connection', () => {
    const connection = {};

    it("is served from the connection's memory only after a cache hit vouched for it", async () => {
      const token = await issuer.mint();
      expect(auth.verifier.verifyCached(token, connection)).toBeUndefined();
      const verified = await auth.verifier.verify(token);
      expect(auth.verifier.verifyCached(token, connection)).toBe(verified);
      expect(auth.verifier.verifyCached(token, connection)).toBe(verified);
      const tampered = `${token.slice(0, -4)}${token.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
      expect(auth.verifier.verifyCached(tampered, connection)).toBeUndefined();
      expect(auth.verifier.verifyCached(`${token}.`, connection)).toBeUndefined();
    });

    it('expires on time', async () => {
      const exp = Math.floor(clock / 1000) + 60;
      const token = await issuer.mint({ claims: { exp } });
      await auth.verifier.verify(token);
      expect(auth.verifier.verifyCached(token, connection)).toBeDefined();
      clock = (exp + 31) * 1000;
      expect(auth.verifier.verifyCached(token, connection)).toBeUndefined();
    });

    it('dies with its signing key', async () => {
      const token = await issuer.mint();
      await auth.verifier.verify(token);
      expect(auth.verifier.verifyCached(token, connection)).toBeDefined();
      await issuer.rotate({ dropOld: true });
      clock += 31_000;
      await auth.verifier.verify(await issuer.mint());
      expect(auth.verifier.verifyCached(token, connection)).toBeUndefined();
      await expect(auth.verifier.verify(token)).rejects.toMatchObject({
        code: 'UNKNOWN_SIGNING_KEY',
      });
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
          },
          { logger },
        );
        await expect(runtime.verifier.verify(await other.mint())).resolves.toMatchObject({
          kid: other.currentKey.kid,
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
});
