import nock from 'nock';
import { createSigningKey, type TestSigningKey } from '@oracle-ai/api/testing-issuer';
import { JwksSource } from './jwks-source';
import { SigningKeyStore, type KeyStoreLogger } from './signing-key-store';

const ISSUER = 'https://sso.example.com/affwebservices/CASSO/oidc/oracle-ai';
const DISCOVERY_PATH = '/affwebservices/CASSO/oidc/oracle-ai/.well-known/openid-configuration';
const JWKS_PATH = '/affwebservices/CASSO/oidc/oracle-ai/jwks';
const JWKS_URI = `https://sso.example.com${JWKS_PATH}`;

describe('SigningKeyStore', () => {
  let keyA: TestSigningKey;
  let keyB: TestSigningKey;
  let clock: number;
  let logger: jest.Mocked<KeyStoreLogger>;
  /** Fetches the store schedules for itself: recorded, run only when a test says so. */
  let scheduled: { task: () => Promise<void>; ms: number; over: boolean }[];

  beforeAll(async () => {
    keyA = await createSigningKey('RS256');
    keyB = await createSigningKey('RS256');
    nock.disableNetConnect();
  });

  afterAll(() => {
    nock.enableNetConnect();
  });

  beforeEach(() => {
    clock = 1_000_000;
    logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn() };
    scheduled = [];
  });

  /** Waits for a background fetch's outcome (never a fixed sleep: the machine may be busy). */
  async function waitFor(condition: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
  const refreshFailed = () => logger.warn.mock.calls.length + logger.error.mock.calls.length > 0;

  afterEach(() => {
    nock.cleanAll();
  });

  function store(
    options: Partial<ConstructorParameters<typeof SigningKeyStore>[0]> = {},
    timeoutMs = 1_000,
  ) {
    return new SigningKeyStore({
      source: new JwksSource(
        { kind: 'discovery', issuer: ISSUER },
        (url, init) => fetch(url, init),
        timeoutMs,
      ),
      algorithms: ['RS256', 'PS256', 'ES256'],
      logger,
      now: () => clock,
      // The middle of the jitter range: backoff steps of 0.75 s, 1.5 s, 3 s, … 22.5 s.
      random: () => 0.5,
      schedule: (task, ms) => {
        const entry = {
          task: () => {
            entry.over = true;
            return task();
          },
          ms,
          over: false,
        };
        scheduled.push(entry);
        return () => (entry.over = true);
      },
      ...options,
    });
  }

  /** The one fetch the store has scheduled and not cancelled, still to run. */
  function pending() {
    const live = scheduled.filter((entry) => !entry.over);
    expect(live).toHaveLength(1);
    return live[0];
  }

  function idp() {
    return nock('https://sso.example.com');
  }

  function discovery(times = 1, issuer = ISSUER) {
    return idp().get(DISCOVERY_PATH).times(times).reply(200, { issuer, jwks_uri: JWKS_URI });
  }

  function jwks(keys: TestSigningKey[], times = 1) {
    return idp()
      .get(JWKS_PATH)
      .times(times)
      .reply(200, { keys: keys.map((key) => key.publicJwk) });
  }

  it('discovers the JWKS URI under a path-based issuer and resolves a key by kid', async () => {
    const scopes = [discovery(), jwks([keyA])];
    const key = await store().getKey({ alg: 'RS256', kid: keyA.kid });
    expect(key).toMatchObject({ kid: keyA.kid, algorithms: new Set(['RS256']) });
    expect(key.key.type).toBe('public');
    for (const scope of scopes) expect(scope.isDone()).toBe(true);
  });

  it('refuses a discovery document naming another issuer', async () => {
    discovery(1, 'https://evil.example.com');
    await expect(store().getKey({ alg: 'RS256', kid: keyA.kid })).rejects.toMatchObject({
      code: 'IDP_UNAVAILABLE',
      statusCode: 503,
    });
  });

  it('coalesces concurrent cold requests into one discovery and one JWKS fetch', async () => {
    const discoveryScope = discovery(1);
    const jwksScope = jwks([keyA], 1);
    const keyStore = store();
    const keys = await Promise.all(
      Array.from({ length: 200 }, () => keyStore.getKey({ alg: 'RS256', kid: keyA.kid })),
    );
    expect(keys).toHaveLength(200);
    expect(new Set(keys).size).toBe(1);
    expect(discoveryScope.isDone() && jwksScope.isDone()).toBe(true);
  });

  it('picks up a rotated key: an unknown kid triggers one refetch', async () => {
    discovery();
    jwks([keyA]);
    const keyStore = store();
    await keyStore.getKey({ alg: 'RS256', kid: keyA.kid });
    clock += 31_000;
    const rotated = jwks([keyB, keyA]);
    await expect(keyStore.getKey({ alg: 'RS256', kid: keyB.kid })).resolves.toBeDefined();
    expect(rotated.isDone()).toBe(true);
  });

  it('refetches at most once per cooldown however many unknown kids arrive', async () => {
    discovery();
    jwks([keyA]);
    const keyStore = store();
    await keyStore.getKey({ alg: 'RS256', kid: keyA.kid });
    clock += 31_000;
    let refetches = 0;
    idp()
      .get(JWKS_PATH)
      .times(10)
      .reply(() => {
        refetches += 1;
        return [200, { keys: [keyA.publicJwk] }];
      });
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) => keyStore.getKey({ alg: 'RS256', kid: `random-${i}` })),
    );
    clock += 10_000;
    const later = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) => keyStore.getKey({ alg: 'RS256', kid: `again-${i}` })),
    );
    expect([...results, ...later].every((result) => result.status === 'rejected')).toBe(true);
    expect((results[0] as PromiseRejectedResult).reason).toMatchObject({
      code: 'UNKNOWN_SIGNING_KEY',
      statusCode: 401,
    });
    expect(refetches).toBe(1);
  });

  it('reports the unknown kids that caused no refetch, and key uses after a failed refresh', async () => {
    const events: string[] = [];
    discovery();
    jwks([keyA]);
    const keyStore = store({
      telemetry: {
        unknownKidRefetchSuppressed: () => events.push('suppressed'),
        staleKeysUsed: () => events.push('stale'),
      },
    });
    await keyStore.getKey({ alg: 'RS256', kid: keyA.kid });
    // Within the cooldown of the first fetch: refused without asking the IdP.
    await expect(keyStore.getKey({ alg: 'RS256', kid: 'random' })).rejects.toMatchObject({
      code: 'UNKNOWN_SIGNING_KEY',
    });
    expect(events).toEqual(['suppressed']);
    clock += 11 * 60_000;
    const outage = idp().get(JWKS_PATH).reply(503);
    await keyStore.getKey({ alg: 'RS256', kid: keyA.kid }); // starts the background refresh
    await waitFor(refreshFailed, 'the failed refresh');
    expect(outage.isDone()).toBe(true);
    await keyStore.getKey({ alg: 'RS256', kid: keyA.kid });
    expect(events).toEqual(['suppressed', 'stale']);
    expect(keyStore.keyCount).toBe(1);
    expect(keyStore.loadedAt).toBe(1_000_000);
  });

  it('keeps serving the last good keys while the IdP is down, and logs it', async () => {
    discovery();
    jwks([keyA]);
    const keyStore = store();
    await keyStore.getKey({ alg: 'RS256', kid: keyA.kid });
    clock += 11 * 60_000; // past maxAge: a background refresh is attempted
    const outage = idp().get(JWKS_PATH).reply(503);
    await expect(keyStore.getKey({ alg: 'RS256', kid: keyA.kid })).resolves.toBeDefined();
    await waitFor(refreshFailed, 'the failed refresh');
    expect(outage.isDone()).toBe(true);
    expect(keyStore.ready).toBe(true);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.objectContaining({ reason: expect.stringContaining('503') }),
      expect.stringContaining('last good'),
    );
  });

  it('while the IdP is down, background refreshes are spaced by the failure backoff', async () => {
    discovery();
    jwks([keyA]);
    const keyStore = store();
    await keyStore.getKey({ alg: 'RS256', kid: keyA.kid });
    clock += 11 * 60_000;
    let attempts = 0;
    idp()
      .get(JWKS_PATH)
      .times(10)
      .reply(() => {
        attempts += 1;
        return [503, {}];
      });
    await keyStore.getKey({ alg: 'RS256', kid: keyA.kid });
    await waitFor(refreshFailed, 'the failed refresh');
    for (let i = 0; i < 20; i++) {
      await keyStore.getKey({ alg: 'RS256', kid: keyA.kid });
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(attempts).toBe(1);
    clock += 1_000;
    await keyStore.getKey({ alg: 'RS256', kid: keyA.kid });
    await waitFor(() => attempts === 2, 'the refresh after the backoff');
  });

  it('an unknown kid while the IdP is unreachable is a 503, not a bad token', async () => {
    discovery();
    jwks([keyA]);
    const keyStore = store();
    await keyStore.getKey({ alg: 'RS256', kid: keyA.kid });
    clock += 31_000;
    idp().get(JWKS_PATH).replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' });
    await expect(keyStore.getKey({ alg: 'RS256', kid: keyB.kid })).rejects.toMatchObject({
      code: 'IDP_UNAVAILABLE',
      statusCode: 503,
    });
    // Within the cooldown no new fetch is made, and the answer stays 503 while the last fetch failed.
    await expect(keyStore.getKey({ alg: 'RS256', kid: keyB.kid })).rejects.toMatchObject({
      code: 'IDP_UNAVAILABLE',
    });
    // Known keys keep working meanwhile.
    await expect(keyStore.getKey({ alg: 'RS256', kid: keyA.kid })).resolves.toBeDefined();
  });

  it('refuses a discovered jwks_uri over plain http to a remote host', async () => {
    idp()
      .get(DISCOVERY_PATH)
      .reply(200, { issuer: ISSUER, jwks_uri: 'http://keys.example.com/jwks' });
    await expect(store().getKey({ alg: 'RS256', kid: keyA.kid })).rejects.toMatchObject({
      code: 'IDP_UNAVAILABLE',
    });
    expect(logger.error).toHaveBeenCalledWith(
      expect.objectContaining({ reason: expect.stringContaining('https required') }),
      'cannot load signing keys',
    );
  });

  it('drops keys older than the stale limit when the IdP stays down', async () => {
    discovery();
    jwks([keyA]);
    const keyStore = store({ timings: { maxStaleMs: 60 * 60_000 } });
    await keyStore.getKey({ alg: 'RS256', kid: keyA.kid });
    clock += 61 * 60_000;
    expect(keyStore.ready).toBe(false);
    idp().get(JWKS_PATH).reply(500);
    await expect(keyStore.getKey({ alg: 'RS256', kid: keyA.kid })).rejects.toMatchObject({
      code: 'IDP_UNAVAILABLE',
    });
  });

  it('cold outage: 503 with Retry-After, no hammering during backoff, then recovers by itself', async () => {
    idp()
      .get(DISCOVERY_PATH)
      .replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' });
    const keyStore = store();
    const first = keyStore.getKey({ alg: 'RS256', kid: keyA.kid });
    await expect(first).rejects.toMatchObject({
      code: 'IDP_UNAVAILABLE',
      statusCode: 503,
      retryAfterS: 1,
    });
    expect(keyStore.ready).toBe(false);

    // Within the backoff no request reaches the IdP (nock would throw on an unexpected call).
    clock += 500;
    await expect(keyStore.getKey({ alg: 'RS256', kid: keyA.kid })).rejects.toMatchObject({
      code: 'IDP_UNAVAILABLE',
      retryAfterS: 1,
    });

    clock += 300;
    discovery();
    jwks([keyA]);
    await expect(keyStore.getKey({ alg: 'RS256', kid: keyA.kid })).resolves.toBeDefined();
    expect(keyStore.ready).toBe(true);
  });

  it('recovers without any traffic: retries on a jittered backoff doubling to 30 s', async () => {
    const keyStore = store();
    const refused = () =>
      idp().get(DISCOVERY_PATH).replyWithError({ code: 'ECONNREFUSED', message: 'refused' });
    refused();
    await keyStore.warm();
    const steps: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      const next = pending();
      steps.push(next.ms);
      clock += next.ms;
      refused();
      await next.task();
    }
    expect(steps).toEqual([750, 1_500, 3_000, 6_000, 12_000, 22_500, 22_500]);
    expect(logger.error).toHaveBeenLastCalledWith(
      expect.objectContaining({ retryInS: 22.5 }),
      'cannot load signing keys',
    );
    expect(keyStore.ready).toBe(false);

    // The IdP answers: the next scheduled attempt loads the keys, no request needed.
    nock.cleanAll();
    discovery();
    jwks([keyA]);
    const next = pending();
    clock += next.ms;
    await next.task();
    expect(keyStore.ready).toBe(true);
    // Healthy again: the next fetch is a routine refresh at maxAge.
    expect(pending().ms).toBe(10 * 60_000);
  });

  it('keeps healthy keys fresh without traffic, and stop() cancels what is scheduled', async () => {
    discovery();
    jwks([keyA]);
    const keyStore = store();
    await keyStore.warm();
    const routine = pending();
    expect(routine.ms).toBe(10 * 60_000);
    const rotated = jwks([keyB]);
    clock += routine.ms;
    await routine.task();
    expect(rotated.isDone()).toBe(true);
    await expect(keyStore.getKey({ alg: 'RS256', kid: keyB.kid })).resolves.toBeDefined();
    keyStore.stop();
    expect(scheduled.every((entry) => entry.over)).toBe(true);
  });

  it('a static JWK Set schedules nothing', async () => {
    const keyStore = new SigningKeyStore({
      source: new JwksSource({ kind: 'static', jwks: { keys: [keyA.publicJwk] } }, fetch, 1_000),
      algorithms: ['RS256'],
      logger,
      schedule: (task, ms) => {
        scheduled.push({ task, ms, over: false });
        return () => undefined;
      },
    });
    await keyStore.warm();
    expect(keyStore.ready).toBe(true);
    expect(scheduled).toEqual([]);
  });

  it('a hanging IdP is cut off by the fetch timeout', async () => {
    idp().get(DISCOVERY_PATH).delay(2_000).reply(200, {});
    const started = Date.now();
    await expect(store({}, 200).getKey({ alg: 'RS256', kid: keyA.kid })).rejects.toMatchObject({
      code: 'IDP_UNAVAILABLE',
    });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('a key keeps its identity while published unchanged; one that left the set is no longer current', async () => {
    discovery();
    jwks([keyA, keyB]);
    const keyStore = store();
    const a = await keyStore.getKey({ alg: 'RS256', kid: keyA.kid });
    const b = await keyStore.getKey({ alg: 'RS256', kid: keyB.kid });
    expect([keyStore.isCurrent(a), keyStore.isCurrent(b)]).toEqual([true, true]);
    clock += 31_000;
    const keyC = await createSigningKey('RS256');
    jwks([keyC, keyB]);
    await keyStore.getKey({ alg: 'RS256', kid: keyC.kid });
    expect([keyStore.isCurrent(a), keyStore.isCurrent(b)]).toEqual([false, true]);
    expect(await keyStore.getKey({ alg: 'RS256', kid: keyB.kid })).toBe(b);
  });

  it('a key published again with other material, kid or algorithms is another key', async () => {
    discovery();
    jwks([keyA]);
    const keyStore = store();
    const a = await keyStore.getKey({ alg: 'RS256' });
    clock += 31_000;
    const sameKidOtherMaterial = await createSigningKey('RS256', keyA.kid);
    jwks([sameKidOtherMaterial]);
    await keyStore.getKey({ alg: 'RS256', kid: 'unknown' }).catch(() => undefined);
    expect(keyStore.isCurrent(a)).toBe(false);
    const replaced = await keyStore.getKey({ alg: 'RS256', kid: keyA.kid });
    expect(replaced).not.toBe(a);
    clock += 31_000;
    idp()
      .get(JWKS_PATH)
      .reply(200, { keys: [{ ...sameKidOtherMaterial.publicJwk, kid: undefined }] });
    await keyStore.getKey({ alg: 'RS256', kid: 'unknown' }).catch(() => undefined);
    expect(keyStore.isCurrent(replaced)).toBe(false);
  });

  it('keys dropped as too stale are no longer current', async () => {
    discovery();
    jwks([keyA]);
    const keyStore = store();
    const a = await keyStore.getKey({ alg: 'RS256', kid: keyA.kid });
    idp().get(JWKS_PATH).times(100).reply(500);
    clock += 25 * 60 * 60_000;
    await keyStore.getKey({ alg: 'RS256', kid: keyA.kid }).catch(() => undefined);
    expect(keyStore.isCurrent(a)).toBe(false);
  });

  it('ignores private key material, encryption keys and keys whose type does not fit the algorithm', async () => {
    const ec = await createSigningKey('ES256');
    discovery();
    idp()
      .get(JWKS_PATH)
      .reply(200, {
        keys: [
          { ...keyA.publicJwk, d: 'private' },
          { ...keyB.publicJwk, use: 'enc' },
          { ...ec.publicJwk },
        ],
      });
    const keyStore = store();
    await expect(keyStore.getKey({ alg: 'RS256', kid: keyA.kid })).rejects.toMatchObject({
      code: 'UNKNOWN_SIGNING_KEY',
    });
    await expect(keyStore.getKey({ alg: 'RS256', kid: keyB.kid })).rejects.toMatchObject({
      code: 'UNKNOWN_SIGNING_KEY',
    });
    await expect(keyStore.getKey({ alg: 'RS256', kid: ec.kid })).rejects.toMatchObject({
      code: 'UNKNOWN_SIGNING_KEY',
    });
    await expect(keyStore.getKey({ alg: 'ES256', kid: ec.kid })).resolves.toBeDefined();
    expect(logger.error).toHaveBeenCalledWith(
      { kid: keyA.kid },
      expect.stringContaining('private'),
    );
  });

  it('a token without kid is accepted only when exactly one key fits', async () => {
    discovery();
    jwks([keyA]);
    const single = store();
    await expect(single.getKey({ alg: 'RS256' })).resolves.toBeDefined();

    discovery();
    jwks([keyA, keyB]);
    await expect(store().getKey({ alg: 'RS256' })).rejects.toMatchObject({
      code: 'UNKNOWN_SIGNING_KEY',
    });
  });

  it('keeps every key under a kid and picks the one fitting the algorithm', async () => {
    const ec = await createSigningKey('ES256', keyA.kid);
    const rsaTwin = await createSigningKey('RS256', keyB.kid);
    discovery();
    idp()
      .get(JWKS_PATH)
      .reply(200, { keys: [keyA.publicJwk, ec.publicJwk, keyB.publicJwk, rsaTwin.publicJwk] });
    const keyStore = store();
    const rsa = await keyStore.getKey({ alg: 'RS256', kid: keyA.kid });
    const es = await keyStore.getKey({ alg: 'ES256', kid: keyA.kid });
    expect([rsa.key.asymmetricKeyType, es.key.asymmetricKeyType]).toEqual(['rsa', 'ec']);
    // Two keys of one family under one kid are ambiguous: refused, never guessed.
    await expect(keyStore.getKey({ alg: 'RS256', kid: keyB.kid })).rejects.toMatchObject({
      code: 'UNKNOWN_SIGNING_KEY',
    });
  });

  it('of two keys sharing a kid, the one that left the set is no longer current, the other still is', async () => {
    const ec = await createSigningKey('ES256', keyA.kid);
    discovery();
    jwks([keyA, ec]);
    const keyStore = store();
    const rsa = await keyStore.getKey({ alg: 'RS256', kid: keyA.kid });
    const es = await keyStore.getKey({ alg: 'ES256', kid: keyA.kid });
    clock += 31_000;
    jwks([keyA, keyB]);
    await keyStore.getKey({ alg: 'RS256', kid: keyB.kid });
    expect([keyStore.isCurrent(rsa), keyStore.isCurrent(es)]).toEqual([true, false]);
  });

  it('a static JWKS makes no network call at all', async () => {
    const keyStore = new SigningKeyStore({
      source: new JwksSource(
        { kind: 'static', jwks: { keys: [keyA.publicJwk] } },
        () => Promise.reject(new Error('network used')),
        1_000,
      ),
      algorithms: ['RS256'],
      logger,
      now: () => clock,
    });
    await expect(keyStore.getKey({ alg: 'RS256', kid: keyA.kid })).resolves.toBeDefined();
    clock += 60 * 60_000;
    await expect(keyStore.getKey({ alg: 'RS256', kid: 'unknown' })).rejects.toMatchObject({
      code: 'UNKNOWN_SIGNING_KEY',
    });
    expect(keyStore.ready).toBe(true);
  });
});
