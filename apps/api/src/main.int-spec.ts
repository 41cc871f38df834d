import { mkdtempSync, writeFileSync } from 'node:fs';
import { Agent, get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestIssuer } from '@oracle-ai/api/testing-issuer';
import { findFreePort } from '@oracle-ai/shared/testing-node-process';
import { startApi, type RunningApi } from '@oracle-ai/shared/testing-api';

jest.setTimeout(30_000);

describe('built API over real HTTP', () => {
  describe('configuration', () => {
    it.each([
      [{}, 'api: invalid configuration: AUTH_ISSUER is required'],
      [
        { AUTH_ISSUER: 'http://localhost:1', AUTH_AUDIENCE: 'x', AUTH_ALGORITHMS: 'HS256' },
        'AUTH_ALGORITHMS must not contain "HS256"',
      ],
      [
        { AUTH_ISSUER: 'http://localhost:1', AUTH_AUDIENCE: 'x', PORT: 'eighty' },
        'PORT must be a whole number',
      ],
    ])('%p exits 1 with one clear line', async (env, message) => {
      const api = await startApi({ env: env as Record<string, string>, waitFor: 'spawned' });
      expect(await api.exited).toBe(1);
      expect(api.output()).toContain(message);
      expect(api.output().trim().split('\n')).toHaveLength(1);
    });

    it.each([
      ['METRICS_HOST', 'metrics host', 'METRICS_HOST must be an IP address or a host name'],
      ['METRICS_HOST', 'no-such-host.invalid', 'METRICS_HOST names no address to listen on'],
      ['HOST', 'no-such-host.invalid', 'HOST names no address to listen on'],
    ])('a bad %s (%p) exits 1 with one line naming it', async (variable, value, message) => {
      const api = await startApi({
        issuer: 'http://localhost:1',
        env: { AUTH_AUDIENCE: 'x', METRICS_PORT: String(await findFreePort()), [variable]: value },
        waitFor: 'spawned',
      });
      expect(await api.exited).toBe(1);
      expect(api.output().trim().split('\n')).toEqual([expect.stringContaining(message)]);
      expect(api.output()).toContain(JSON.stringify(value));
    });

    it('a taken port is reported clearly', async () => {
      const issuer = await TestIssuer.start();
      const first = await startApi({ issuer: issuer.issuer });
      const second = await startApi({
        issuer: issuer.issuer,
        port: first.port,
        waitFor: 'spawned',
      });
      expect(await second.exited).toBe(1);
      expect(second.output()).toContain(`port ${first.port} on 127.0.0.1 is already in use`);
      await first.stop();
      await issuer.stop();
    });
  });

  describe('against a local test issuer', () => {
    let issuer: TestIssuer;
    let api: RunningApi;

    beforeAll(async () => {
      issuer = await TestIssuer.start();
      // Only listening: the first test watches the keys being warmed.
      api = await startApi({
        issuer: issuer.issuer,
        env: { LOG_LEVEL: 'debug' },
        waitFor: 'listening',
      });
    });

    afterAll(async () => {
      expect(await api.stop()).toBe(0);
      await issuer.stop();
    });

    it('warms the signing keys at start-up and becomes ready', async () => {
      for (let i = 0; i < 50 && (await fetch(`${api.url}/readyz`)).status !== 200; i++)
        await new Promise((r) => setTimeout(r, 50));
      const ready = await fetch(`${api.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(issuer.count('/jwks')).toBe(1);
    });

    it('serves /api/me for a valid token, with CORS for the SPA origin', async () => {
      const response = await fetch(`${api.url}/api/me`, {
        headers: {
          authorization: `Bearer ${await issuer.mint()}`,
          origin: 'http://localhost:4200',
        },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:4200');
      expect(await response.json()).toMatchObject({
        username: 'alice',
        access: { chat: true, analytics: true },
      });
    });

    it('answers 401 with the RFC 6750 challenge', async () => {
      const response = await fetch(`${api.url}/api/me`);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe(
        `Bearer realm="oracle-ai", resource_metadata="${api.url}/.well-known/oauth-protected-resource"`,
      );
    });

    it('never writes token material to the logs, even at debug level', async () => {
      const token = await issuer.mint();
      await fetch(`${api.url}/api/me?access_token=${token}`);
      await fetch(`${api.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
      await fetch(`${api.url}/api/me`, { headers: { authorization: `Bearer ${token}x` } });
      await new Promise((r) => setTimeout(r, 100));
      expect(api.output()).toContain('request completed');
      for (const part of token.split('.')) expect(api.output()).not.toContain(part);
    });

    it("one keep-alive connection presenting different tokens gets each one's own outcome", async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const localPorts = new Set<number>();
      const me = (token: string) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          const request = httpGet(
            `${api.url}/api/me`,
            { agent, headers: { authorization: `Bearer ${token}` } },
            (response) => {
              localPorts.add(response.socket.localPort ?? 0);
              let body = '';
              response.setEncoding('utf8');
              response.on('data', (chunk: string) => (body += chunk));
              response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
            },
          );
          request.on('error', reject);
        });
      const alice = await issuer.mint();
      const bob = await issuer.mint({ claims: { sub: 'user-bob', preferred_username: 'bob' } });
      const noGroup = await issuer.mint({ claims: { groups: ['other'] } });
      const tampered = `${alice.slice(0, -4)}${alice.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
      try {
        const outcomes: [number, string | undefined][] = [];
        for (const token of [alice, alice, bob, alice, noGroup, alice, tampered, alice, alice]) {
          const { status, body } = await me(token);
          outcomes.push([
            status,
            status === 200 ? JSON.parse(body).username : JSON.parse(body).code,
          ]);
        }
        expect(outcomes).toEqual([
          [200, 'alice'],
          [200, 'alice'],
          [200, 'bob'],
          [200, 'alice'],
          [403, 'group_required'],
          [200, 'alice'],
          [401, 'invalid_signature'],
          [200, 'alice'],
          [200, 'alice'],
        ]);
        expect(localPorts.size).toBe(1);
      } finally {
        agent.destroy();
      }
    });

    it('never calls a token endpoint', () => {
      expect(
        issuer.requests.filter(
          (path) => !path.endsWith('/jwks') && !path.endsWith('/openid-configuration'),
        ),
      ).toEqual([]);
    });
  });

  it('IdP down at start-up: 503 + Retry-After and not ready; recovers by itself when the IdP comes up', async () => {
    const port = await findFreePort();
    const issuerUrl = `http://localhost:${port}`;
    const api = await startApi({ issuer: issuerUrl, waitFor: 'listening' });
    try {
      expect((await fetch(`${api.url}/readyz`)).status).toBe(503);
      const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'k1' })).toString('base64url');
      const payload = Buffer.from(JSON.stringify({ iss: issuerUrl, sub: 'x' })).toString(
        'base64url',
      );
      const down = await fetch(`${api.url}/api/me`, {
        headers: { authorization: `Bearer ${header}.${payload}.c2ln` },
      });
      expect(down.status).toBe(503);
      expect(Number(down.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await down.json()).toMatchObject({ code: 'idp_unavailable', statusCode: 503 });

      const issuer = await TestIssuer.start({ port });
      try {
        const token = await issuer.mint();
        let status = 0;
        for (let i = 0; i < 80 && status !== 200; i++) {
          status = (
            await fetch(`${api.url}/api/me`, { headers: { authorization: `Bearer ${token}` } })
          ).status;
          if (status !== 200) await new Promise((r) => setTimeout(r, 100));
        }
        expect(status).toBe(200);
        expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
      } finally {
        await issuer.stop();
      }
    } finally {
      await api.stop();
    }
  });

  it('AUTH_JWKS_FILE: verifies with the static keys and makes no call to the IdP', async () => {
    const issuer = await TestIssuer.start();
    const dir = mkdtempSync(join(tmpdir(), 'oracle-ai-jwks-'));
    const file = join(dir, 'jwks.json');
    writeFileSync(file, JSON.stringify(issuer.jwks));
    const api = await startApi({
      issuer: issuer.issuer,
      env: { AUTH_JWKS_FILE: file },
      waitFor: 'listening',
    });
    try {
      expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
      const response = await fetch(`${api.url}/api/me`, {
        headers: { authorization: `Bearer ${await issuer.mint()}` },
      });
      expect(response.status).toBe(200);
      expect(issuer.requests).toEqual([]);
    } finally {
      await api.stop();
      await issuer.stop();
    }
  });
});
