import { findFreePort, ProcessStartError } from '@oracle-ai/shared/testing-node-process';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { startWebServer, type StartWebServerOptions } from './support/web-server';
import { WORKSPACE_ROOT } from './support/workspace-root';

/** The web server on its own, started as a deployment would start it; nothing in it is called. */
const VALID_ENV = {
  WEB_ISSUER: 'http://localhost:4400',
  WEB_CLIENT_ID: 'oracle-ai-web',
  WEB_API_BASE_URL: 'http://localhost:3000',
  WEB_SCOPE: 'openid profile email',
};

async function start(env: Record<string, string>, extra: Partial<StartWebServerOptions> = {}) {
  return startWebServer({
    workspaceRoot: WORKSPACE_ROOT,
    port: await findFreePort(),
    env,
    ...extra,
  });
}

/** What the server printed when it refused to start; fails when it started. */
async function refusal(env: Record<string, string>): Promise<{ code: string; output: string }> {
  const outcome = await start(env).then(
    async (server) => {
      await server.stop();
      return new Error('the web server started');
    },
    (error: unknown) => error,
  );
  if (!(outcome instanceof ProcessStartError)) throw outcome;
  return { code: outcome.code, output: outcome.output };
}

const NOBODY = { uid: 65534, gid: 65534 };

/** Root can switch to `nobody`, and `nobody` can run the Node on PATH (not in a private folder). */
function canRunAsNobody(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = spawnSync(
    'setpriv',
    ['--reuid=65534', '--regid=65534', '--clear-groups', 'sh', '-c', 'node -e 0'],
    { env: { PATH: process.env['PATH'] } },
  );
  return probe.status === 0;
}

test.describe('web server start-up', () => {
  test('a missing WEB_* value stops it with one line naming the variable', async () => {
    const withoutIssuer = Object.fromEntries(
      Object.entries(VALID_ENV).filter(([name]) => name !== 'WEB_ISSUER'),
    );
    expect(await refusal(withoutIssuer)).toEqual({
      code: 'ERR_PROCESS_EXITED_EARLY',
      output: 'web-server: invalid configuration: WEB_ISSUER is required\n',
    });
  });

  for (const [variable, value, reason] of [
    ['WEB_ISSUER', 'http://sso.example.com', 'is invalid: issuer must use https'],
    ['WEB_API_BASE_URL', 'https://api.example.com/?v=1', 'must not contain a query or fragment'],
    ['WEB_SCOPE', 'profile email', 'must be a space-separated string that includes "openid"'],
    ['WEB_CUSTOM_QUERY_PARAMS', '{"authentication_method":', 'must be a JSON object such as'],
    ['WEB_DPOP', 'yes', 'must be "true" or "false", got "yes"'],
    ['WEB_PORT', 'http', 'must be a port number from 1 to 65535, got "http"'],
    ['WEB_STATIC_ROOT', '/nonexistent', 'has no index.html (/nonexistent)'],
  ]) {
    test(`a bad ${variable} stops it with one line naming it`, async () => {
      const { code, output } = await refusal({ ...VALID_ENV, [variable]: value });
      expect(code).toBe('ERR_PROCESS_EXITED_EARLY');
      expect(output.split('\n')).toEqual([
        expect.stringMatching(`^web-server: invalid configuration: ${variable} `),
        '',
      ]);
      expect(output).toContain(reason);
    });
  }

  test('WEB_HSTS, WEB_DPOP and WEB_CUSTOM_QUERY_PARAMS reach the headers and config.json', async () => {
    const server = await start({
      ...VALID_ENV,
      WEB_HSTS: 'true',
      WEB_DPOP: 'true',
      WEB_CUSTOM_QUERY_PARAMS: '{"authentication_method":"siteminder"}',
    });
    try {
      for (const path of ['/', '/config.json', '/missing-ZZZZZZZZ.js']) {
        const response = await fetch(`${server.origin}${path}`);
        expect(response.headers.get('strict-transport-security'), path).toBe('max-age=31536000');
      }
      expect(await (await fetch(`${server.origin}/config.json`)).json()).toMatchObject({
        customQueryParams: { authentication_method: 'siteminder' },
        dpop: true,
      });
    } finally {
      await server.stop();
    }
  });

  test('logs each request to stdout without its query string', async () => {
    const server = await start(VALID_ENV);
    try {
      await fetch(`${server.origin}/auth/callback?code=secret-code&state=secret-state`);
      await expect
        .poll(() => server.process.output())
        .toContain('"GET /auth/callback HTTP/1.1" 200');
      expect(server.process.output()).not.toContain('secret');
    } finally {
      await server.stop();
    }
  });

  test('never lists a directory', async () => {
    const staticRoot = mkdtempSync(join(tmpdir(), 'web-e2e-static-'));
    // Started as root, nginx reads files as nobody.
    chmodSync(staticRoot, 0o755);
    writeFileSync(
      join(staticRoot, 'index.html'),
      '<app-root ngCspNonce="__CSP_NONCE__"></app-root>',
    );
    mkdirSync(join(staticRoot, 'media'));
    writeFileSync(join(staticRoot, 'media', 'logo-ABCDEFGH.svg'), '<svg/>');
    mkdirSync(join(staticRoot, 'assets.v1'));
    const server = await start({ ...VALID_ENV, WEB_STATIC_ROOT: staticRoot });
    try {
      const answers = await Promise.all(
        ['/media/', '/media', '/assets.v1', '/assets.v1/'].map(async (path) => {
          const response = await fetch(`${server.origin}${path}`);
          return [path, response.status, (await response.text()).includes('logo-')];
        }),
      );
      expect(answers).toEqual([
        ['/media/', 200, false],
        ['/media', 200, false],
        ['/assets.v1', 404, false],
        ['/assets.v1/', 200, false],
      ]);
    } finally {
      await server.stop();
      rmSync(staticRoot, { recursive: true, force: true });
    }
  });

  test('runs without root', async () => {
    test.skip(!canRunAsNobody(), 'needs root, setpriv and a Node that nobody may run');
    const server = await start(VALID_ENV, { runAs: NOBODY });
    try {
      expect((await fetch(`${server.origin}/chat`)).status).toBe(200);
      const owner = spawnSync('ps', ['-o', 'user=', '-p', String(server.process.pid)]);
      expect(owner.stdout.toString().trim()).toBe('nobody');
    } finally {
      await server.stop();
    }
  });
});
