import { Agent, request } from 'node:http';
import { TestIssuer } from '@oracle-ai/api/testing-issuer';
import { startApi, type RunningApi } from '@oracle-ai/shared/testing-api';

/** The API refetches keys for an unknown kid at most once per this cooldown, counted from start-up. */
const UNKNOWN_KID_COOLDOWN_MS = 30_000;

jest.setTimeout(UNKNOWN_KID_COOLDOWN_MS + 30_000);

interface Answer {
  status: number;
  code: string | undefined;
  /** Whether the request went over a connection that had carried an earlier one. */
  reusedConnection: boolean;
}

/** GET /api/me with `token` through `agent`, reporting whether the connection was reused. */
function me(api: RunningApi, agent: Agent, token: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const call = request(
      `${api.url}/api/me`,
      { agent, headers: { authorization: `Bearer ${token}` } },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            code: (JSON.parse(body) as { code?: string }).code,
            reusedConnection: call.reusedSocket,
          }),
        );
      },
    );
    call.on('error', reject);
    call.end();
  });
}

/**
 * A token stays in the verified-token cache for its lifetime, but never beyond its signing key:
 * once the IdP withdraws the key, the next request with a token it signed is refused — whether the
 * token named the key by `kid` or (as RFC 7515 allows with one key) named none.
 */
describe('built API: a cached token never outlives its signing key', () => {
  let issuer: TestIssuer;
  let api: RunningApi;
  let startedAt: number;
  const kept = new Agent({ keepAlive: true, maxSockets: 1 });
  const fresh = new Agent({ keepAlive: false });

  beforeAll(async () => {
    issuer = await TestIssuer.start();
    startedAt = Date.now();
    api = await startApi({ issuer: issuer.issuer });
  });

  afterAll(async () => {
    kept.destroy();
    await api.stop();
    await issuer.stop();
  });

  it('tokens with and without kid, cached on one connection, are refused once the key is withdrawn', async () => {
    const withKid = await issuer.mint();
    const withoutKid = await issuer.mint({ header: { kid: undefined } });
    // Several uses each: whatever the cache's admission rule, both are cached by now.
    for (let i = 0; i < 4; i++) {
      for (const token of [withKid, withoutKid]) {
        expect(await me(api, kept, token)).toMatchObject({ status: 200 });
        expect(await me(api, fresh, token)).toMatchObject({ status: 200 });
      }
    }
    expect((await me(api, kept, withKid)).reusedConnection).toBe(true);

    await issuer.rotate({ dropOld: true });
    // A token of the new key makes the API refetch the key set once the cooldown allows it.
    const newKeyToken = await issuer.mint();
    await new Promise((done) =>
      setTimeout(done, Math.max(0, startedAt + UNKNOWN_KID_COOLDOWN_MS - Date.now())),
    );
    let answer = await me(api, fresh, newKeyToken);
    for (let tries = 0; answer.status !== 200 && tries < 40; tries++) {
      await new Promise((done) => setTimeout(done, 500));
      answer = await me(api, fresh, newKeyToken);
    }
    expect(answer.status).toBe(200);

    for (const agent of [kept, fresh]) {
      expect(await me(api, agent, withKid)).toMatchObject({
        status: 401,
        code: 'unknown_signing_key',
      });
      // Without a kid, the one key left is tried: the signature is not its.
      expect(await me(api, agent, withoutKid)).toMatchObject({
        status: 401,
        code: 'invalid_signature',
      });
    }
    const again = await me(api, kept, withoutKid);
    expect(again).toMatchObject({ status: 401, reusedConnection: true });
  });
});
