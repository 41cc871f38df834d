import { connect } from 'node:net';
import type { ServerResponse } from 'node:http';
import { createSigningKey, TestIssuer } from '@oracle-ai/api/testing-issuer';
import { startApi, type RunningApi, type StartApiOptions } from '@oracle-ai/shared/testing-api';

jest.setTimeout(30_000);

/**
 * The built API against hostile identity providers and hand-crafted requests: every case here
 * is an attack (or a broken IdP) that must end in a refusal, never in a 200 or a 500.
 */
describe('built API under attack', () => {
  /** The API trusting `issuer`; it may never become ready here, so only listening is awaited. */
  const trusting = (issuer: TestIssuer, env: Record<string, string> = {}): StartApiOptions => ({
    issuer: issuer.issuer,
    env,
    waitFor: 'listening',
  });

  async function waitFor(condition: () => boolean | Promise<boolean>, what: string) {
    const deadline = Date.now() + 10_000;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const me = (api: RunningApi, token: string) =>
    fetch(`${api.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });

  async function codeOf(response: Response): Promise<[number, string]> {
    const body = (await response.json()) as { code?: string; username?: string };
    return [response.status, body.code ?? String(body.username)];
  }

  describe('key loading never follows a redirect', () => {
    let victim: TestIssuer;
    let attacker: TestIssuer;

    beforeEach(async () => {
      victim = await TestIssuer.start();
      attacker = await TestIssuer.start();
      // The attacker's discovery repeats the victim's issuer but names its own key set.
      attacker.route('/.well-known/openid-configuration', (_request, response) =>
        json(response, { issuer: victim.issuer, jwks_uri: attacker.jwksUri }),
      );
    });

    afterEach(async () => {
      await victim.stop();
      await attacker.stop();
    });

    const attackerToken = () => attacker.mint({ claims: { iss: victim.issuer } });

    async function expectNoKeysTrusted(api: RunningApi, redirectedPath: string) {
      try {
        await waitFor(() => api.output().includes('HTTP 302'), 'the refused redirect in the log');
        expect(api.output()).toContain('redirects are not followed');
        expect((await fetch(`${api.url}/readyz`)).status).toBe(503);
        expect(await codeOf(await me(api, await attackerToken()))).toEqual([
          503,
          'idp_unavailable',
        ]);
        expect(attacker.count('/jwks')).toBe(0);
        expect(victim.count(redirectedPath)).toBeGreaterThan(0);
      } finally {
        await api.stop();
      }
    }

    it('a discovery document that redirects to another origin', async () => {
      victim.route('/.well-known/openid-configuration', (_request, response) =>
        redirect(response, `${attacker.issuer}/.well-known/openid-configuration`),
      );
      await expectNoKeysTrusted(await startApi(trusting(victim)), '/openid-configuration');
      expect(attacker.count('/openid-configuration')).toBe(0);
    });

    it('a discovered jwks_uri that redirects', async () => {
      victim.route('/jwks', (_request, response) => redirect(response, attacker.jwksUri));
      await expectNoKeysTrusted(await startApi(trusting(victim)), '/jwks');
    });

    it('an AUTH_JWKS_URI that redirects', async () => {
      victim.route('/jwks', (_request, response) => redirect(response, attacker.jwksUri));
      const api = await startApi(trusting(victim, { AUTH_JWKS_URI: victim.jwksUri }));
      await expectNoKeysTrusted(api, '/jwks');
    });
  });

  it('stops reading an endless key set at the size limit and drops the connection', async () => {
    const issuer = await TestIssuer.start();
    let sent = 0;
    let closed = false;
    issuer.route('/jwks', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.once('close', () => (closed = true));
      const chunk = Buffer.alloc(64 * 1024, ' ');
      const pump = () => {
        // Offers 64 MiB: far more than any key set, far less than a test can afford to wait for.
        while (!closed && sent < 64 * 1024 * 1024) {
          sent += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        response.end();
      };
      response.write('{"keys":[');
      pump();
    });
    const api = await startApi(trusting(issuer));
    try {
      await waitFor(() => api.output().includes('reading stopped'), 'the size limit in the log');
      await waitFor(() => closed, 'the key set connection to be dropped');
      // The limit is 512 KiB; what the kernel's socket buffers held on top stays a few MiB.
      expect(sent).toBeLessThan(16 * 1024 * 1024);
      expect((await fetch(`${api.url}/readyz`)).status).toBe(503);
    } finally {
      await api.stop();
      await issuer.stop();
    }
  });

  describe('hostile tokens and headers', () => {
    let issuer: TestIssuer;
    let api: RunningApi;
    let splittingApi: RunningApi;

    beforeAll(async () => {
      issuer = await TestIssuer.start();
      api = await startApi(trusting(issuer));
      splittingApi = await startApi(trusting(issuer, { AUTH_GROUPS_DELIMITER: '^' }));
    });

    afterAll(async () => {
      await api.stop();
      await splittingApi.stop();
      await issuer.stop();
    });

    const now = () => Math.floor(Date.now() / 1000);
    const claimsJson = (extra: string) =>
      `{"iss":${JSON.stringify(issuer.issuer)},"aud":"oracle-ai-api","sub":"user-alice",` +
      `"groups":["database"],"iat":${now()},${extra}}`;

    it.each([
      ['exp of 1e20', `"exp":1e20`],
      ['exp of 1e400 (Infinity once parsed)', `"exp":1e400`],
      ['exp one past the last Date', `"exp":8640000000001`],
      ['nbf of -1e400', `"exp":${now() + 300},"nbf":-1e400`],
      ['nbf of 1e400', `"exp":${now() + 300},"nbf":1e400`],
    ])('%s → 401 invalid_token, never a 500', async (_name, claims) => {
      const token = await issuer.mintRaw(claimsJson(claims));
      expect(await codeOf(await me(api, token))).toEqual([401, 'invalid_token']);
    });

    it('the last instant a Date can hold is still a valid expiry', async () => {
      const token = await issuer.mintRaw(claimsJson(`"exp":8640000000000`));
      const response = await me(api, token);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { expiresAt: string }).expiresAt).toBe(
        '+275760-09-13T00:00:00.000Z',
      );
    });

    it.each([
      ['a second Bearer line', (bob: string) => `Authorization: Bearer ${bob}`],
      ['a Basic line', () => 'Authorization: Basic YWxpY2U6YWxpY2U='],
      ['an empty line', () => 'authorization: '],
    ])('two Authorization lines (%s) → 400 invalid_request', async (_name, second) => {
      const alice = await issuer.mint();
      const bob = await issuer.mint({ claims: { sub: 'user-bob', preferred_username: 'bob' } });
      // Verified and cached first, so the cache's fast path is covered too.
      expect((await me(api, alice)).status).toBe(200);
      const raw = await rawRequest(
        api,
        `GET /api/me HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${alice}\r\n` +
          `${second(bob)}\r\nConnection: close\r\n\r\n`,
      );
      expect(raw).toMatch(/^HTTP\/1\.1 400 /);
      expect(raw).toContain('"code":"invalid_request"');
      expect(raw.toLowerCase()).toContain(
        'www-authenticate: bearer realm="oracle-ai", error="invalid_request"',
      );
    });

    it.each([
      'database ',
      ' database',
      '\tdatabase',
      'database\u00a0',
      '\ufeffdatabase',
      'database\n',
    ])('padded group %p does not match "database" → 403', async (group) => {
      const token = await issuer.mint({ claims: { groups: [group] } });
      expect(await codeOf(await me(api, token))).toEqual([403, 'group_required']);
    });

    it.each([
      [[null, 'oracle-ai-api']],
      [[{}, 'oracle-ai-api']],
      [[1, 'oracle-ai-api']],
      [['oracle-ai-api', ['oracle-ai-api']]],
      [42],
    ])('aud %p → 401 invalid_token', async (aud) => {
      const token = await issuer.mint({ claims: { aud } });
      expect(await codeOf(await me(api, token))).toEqual([401, 'invalid_token']);
    });

    it.each(['Refresh', 'Offline', 'Logout', 'ID', 'bearer', 7])(
      'a payload typ of %p → 401 invalid_token_type',
      async (typ) => {
        const token = await issuer.mint({ claims: { typ } });
        expect(await codeOf(await me(api, token))).toEqual([401, 'invalid_token_type']);
      },
    );

    it("Keycloak's access-token typ (Bearer) is accepted", async () => {
      const token = await issuer.mint({ claims: { typ: 'Bearer' } });
      expect((await me(api, token)).status).toBe(200);
    });

    it('an RSA and an EC key under one kid: each verifies its own algorithm', async () => {
      const sharing = await TestIssuer.start();
      // RFC 7517 §4.5 lets keys of different types share a kid.
      const ec = await createSigningKey('ES256', sharing.currentKey.kid);
      sharing.publish(ec);
      const sharingApi = await startApi(trusting(sharing));
      try {
        expect(await codeOf(await me(sharingApi, await sharing.mint()))).toEqual([200, 'alice']);
        const es256 = await sharing.mint({ key: ec });
        expect(await codeOf(await me(sharingApi, es256))).toEqual([200, 'alice']);
      } finally {
        await sharingApi.stop();
        await sharing.stop();
      }
    });

    it('AUTH_GROUPS_DELIMITER splits a string claim, never the members of an array', async () => {
      const joined = await issuer.mint({ claims: { groups: 'guest^database' } });
      const array = await issuer.mint({ claims: { groups: ['guest^database'] } });
      expect((await me(splittingApi, joined)).status).toBe(200);
      expect(await codeOf(await me(splittingApi, array))).toEqual([403, 'group_required']);
    });

    it.each([
      ['GET', '/api/nope'],
      ['GET', '/api/me/'],
      ['POST', '/api/me'],
      ['GET', '/api'],
      ['DELETE', '/api/chat'],
    ])('%s %s → 404 not_found, not stored by any cache', async (method, path) => {
      const response = await fetch(`${api.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${await issuer.mint()}` },
      });
      expect(await codeOf(response)).toEqual([404, 'not_found']);
      expect(response.headers.get('cache-control')).toBe('no-store');
    });
  });
});

function json(response: ServerResponse, body: unknown): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function redirect(response: ServerResponse, location: string): void {
  response.writeHead(302, { location });
  response.end();
}

/** One request written byte for byte on a fresh connection; resolves to the whole response. */
function rawRequest(api: RunningApi, request: string): Promise<string> {
  const { hostname, port } = new URL(api.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let response = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (response += chunk));
    socket.on('end', () => resolve(response));
    socket.on('error', reject);
    socket.write(request);
  });
}
