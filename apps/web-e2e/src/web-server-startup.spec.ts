import { findFreePort, ProcessStartError } from '@oracle-ai/shared/testing-node-process';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
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

/** `<pid> <command line>` of every process whose command line names `text`. */
function processesNaming(text: string): string[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
        return commandLine.includes(text) ? [`${pid} ${commandLine.trim()}`] : [];
      } catch {
        return []; // ended meanwhile
      }
    });
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
    ['WEB_ISSUER', 'http://sso.example.com', 'must use https'],
    ['WEB_API_BASE_URL', 'https://api.example.com/?v=1', 'must not contain a query or fragment'],
    ['WEB_SCOPE', 'profile email', 'must be a space-separated string that includes "openid"'],
    ['WEB_CUSTOM_QUERY_PARAMS', '{"authentication_method":', 'must be a JSON object such as'],
    ['WEB_DPOP', 'yes', 'must be one of true, false (got "yes")'],
    ['WEB_PORT', 'http', 'must be a whole number from 1 to 65535 (got "http")'],
    ['WEB_STATIC_ROOT', '/nonexistent', 'has no index.html ("/nonexistent")'],
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

  for (const [variable, value] of [
    ['WEB_ISSUER', '/idp\nweb-server: listening on 0.0.0.0:8080'],
    ['WEB_API_BASE_URL', 'https://api.example.com\nweb-server: listening'],
    ['WEB_CLIENT_ID', 'oracle-ai-web\nweb-server: listening'],
    ['WEB_CUSTOM_QUERY_PARAMS', '{"a\\nweb-server: listening":1}'],
  ]) {
    test(`a newline in ${variable} cannot forge a second line of the refusal`, async () => {
      const { code, output } = await refusal({ ...VALID_ENV, [variable]: value });
      expect(code).toBe('ERR_PROCESS_EXITED_EARLY');
      expect(output.split('\n')).toEqual([
        expect.stringMatching(`^web-server: invalid configuration: ${variable} .*\\\\n`),
        '',
      ]);
    });
  }

  test('a WEB_API_BASE_URL whose host is not a DNS name stops it with one line naming it', async () => {
    const host = Array.from({ length: 68 }, () => 'a'.repeat(63)).join('.');
    const url = `https://${host}`;
    const { code, output } = await refusal({ ...VALID_ENV, WEB_API_BASE_URL: url });
    expect(code).toBe('ERR_PROCESS_EXITED_EARLY');
    expect(output.split('\n')).toEqual([
      'web-server: invalid configuration: WEB_API_BASE_URL must name its host by a DNS name or an ' +
        `IP address (got "${url.slice(0, 100)}… (${url.length} characters)")`,
      '',
    ]);
  });

  test('a WEB_HOST that resolves nowhere stops it with one line naming it', async () => {
    const { code, output } = await refusal({ ...VALID_ENV, WEB_HOST: 'no-such-host.invalid' });
    expect(code).toBe('ERR_PROCESS_EXITED_EARLY');
    // ENOTFOUND, or EAI_AGAIN from a resolver that cannot reach its servers.
    expect(output).toMatch(
      /^web-server: invalid configuration: WEB_HOST names no address to listen on \(got "no-such-host\.invalid": (ENOTFOUND|EAI_AGAIN)\)\n$/,
    );
  });

  test('no helper process outlives an nginx that fails to start', async () => {
    // An nginx that dies at once, before it opens the access log, as a configuration error does.
    const fakeBin = mkdtempSync(join(tmpdir(), 'web-e2e-fake-nginx-'));
    chmodSync(fakeBin, 0o755);
    writeFileSync(
      join(fakeBin, 'nginx'),
      '#!/bin/sh\necho "nginx: [emerg] simulated" >&2\nexit 1\n',
      {
        mode: 0o755,
      },
    );
    const runtimeDir = mkdtempSync(join(tmpdir(), 'web-e2e-failed-start-'));
    try {
      const outcome = await start({
        ...VALID_ENV,
        PATH: `${fakeBin}:${process.env['PATH']}`,
        WEB_RUNTIME_DIR: runtimeDir,
      }).then(
        async (server) => {
          await server.stop();
          return new Error('the web server started');
        },
        (error: unknown) => error,
      );
      expect(outcome).toBeInstanceOf(ProcessStartError);
      expect((outcome as ProcessStartError).output).toContain('[emerg] simulated');
      await expect.poll(() => processesNaming(runtimeDir), { timeout: 5_000 }).toEqual([]);
    } finally {
      for (const pid of processesNaming(runtimeDir)) process.kill(Number(pid.split(' ')[0]));
      rmSync(fakeBin, { recursive: true, force: true });
      rmSync(runtimeDir, { recursive: true, force: true });
    }
  });

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

  test('never serves a dotfile or a source map dropped into the build by mistake', async () => {
    const staticRoot = mkdtempSync(join(tmpdir(), 'web-e2e-static-'));
    chmodSync(staticRoot, 0o755);
    writeFileSync(
      join(staticRoot, 'index.html'),
      '<app-root ngCspNonce="__CSP_NONCE__"></app-root>',
    );
    writeFileSync(join(staticRoot, 'main-ABCDEFGH.js'), 'console.log(1);');
    writeFileSync(join(staticRoot, 'main-ABCDEFGH.js.map'), '{"sources":["SECRET"]}');
    writeFileSync(join(staticRoot, '.env'), 'SECRET=1');
    mkdirSync(join(staticRoot, '.git'));
    writeFileSync(join(staticRoot, '.git', 'config'), 'SECRET');
    mkdirSync(join(staticRoot, 'media'));
    writeFileSync(join(staticRoot, 'media', '.htpasswd'), 'SECRET');
    const server = await start({ ...VALID_ENV, WEB_STATIC_ROOT: staticRoot });
    try {
      const answers = await Promise.all(
        [
          '/main-ABCDEFGH.js',
          '/main-ABCDEFGH.js.map',
          '/.env',
          '/%2eenv',
          '/.git/config',
          '/.git/',
          '/media/.htpasswd',
          '/media/%2Ehtpasswd',
        ].map(async (path) => {
          const response = await fetch(`${server.origin}${path}`);
          const body = await response.text();
          return [
            path,
            response.status,
            response.headers.get('cache-control'),
            body.includes('SECRET'),
          ];
        }),
      );
      expect(answers).toEqual([
        ['/main-ABCDEFGH.js', 200, 'public, max-age=31536000, immutable', false],
        ['/main-ABCDEFGH.js.map', 404, 'no-store', false],
        ['/.env', 404, 'no-store', false],
        ['/%2eenv', 404, 'no-store', false],
        ['/.git/config', 404, 'no-store', false],
        ['/.git/', 404, 'no-store', false],
        ['/media/.htpasswd', 404, 'no-store', false],
        ['/media/%2Ehtpasswd', 404, 'no-store', false],
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
