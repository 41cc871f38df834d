import { chmodSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { dirname } from 'node:path';
import type { Browser } from '@playwright/test';
import { startApi, type RunningApi } from '@oracle-ai/shared/testing-api';
import { startDevIdp, type RunningDevIdp } from '@oracle-ai/shared/testing-dev-idp';
import { cliHome } from './testing/cli-home';
import { AUTHORIZATION_URL, killAll, runCli, startCli } from './testing/cli-process';
import { launchChromium, signInAtDevIdp } from './testing/chromium';
import { authorizeAtDevIdp } from './testing/dev-idp-login';
import { redeemRefreshToken } from './testing/idp-token-endpoint';

jest.setTimeout(60_000);

const mode = (path: string) => statSync(path).mode & 0o777;

/** The built `oracle-ai` against the built dev IdP and API; the sign-in done by Chromium. */
describe('oracle-ai login, token, whoami', () => {
  let idp: RunningDevIdp;
  let api: RunningApi;
  let browser: Browser;
  const home = cliHome();
  const session = () => JSON.parse(readFileSync(home.sessionFile, 'utf8'));

  beforeAll(async () => {
    idp = await startDevIdp();
    [api, browser] = await Promise.all([startApi({ issuer: idp.issuer }), launchChromium()]);
  });

  afterAll(async () => {
    killAll();
    await browser?.close();
    await api?.stop();
    await idp?.stop();
    home.remove();
  });

  it('signs in with only the API URL: the URL on stderr, a real browser, nothing on stdout', async () => {
    const cli = startCli(['login', '--api', api.url, '--no-browser'], home.env);
    const [, url] = await cli.waitForStderr(AUTHORIZATION_URL);
    expect(new URL(url).origin).toBe(idp.issuer);
    await cli.waitForStderr(/Waiting up to 5 min for the sign-in \(Ctrl-C to stop\)/);
    expect(cli.stderr()).toMatch(/ssh -L (\d+):127\.0\.0\.1:\1 <this host>/);

    const page = await browser.newPage();
    await page.goto(url);
    await signInAtDevIdp(page, 'alice');
    await page.getByRole('heading', { name: 'Signed in' }).waitFor();
    expect(new URL(page.url()).host).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(await page.getByRole('status').textContent()).toContain('You can close this tab');
    await page.close();

    const result = await cli.result;
    expect(result).toMatchObject({ status: 0, stdout: '' });
    expect(result.stderr).toContain(
      `Signed in as alice at ${idp.issuer} for ${api.url}. Session saved in ${home.sessionFile}\n`,
    );
    expect(mode(dirname(home.sessionFile))).toBe(0o700);
    expect(mode(home.sessionFile)).toBe(0o600);
    expect(session()).toMatchObject({
      api: api.url,
      issuer: idp.issuer,
      clientId: 'oracle-ai-cli',
      tokenType: 'Bearer',
      refreshToken: expect.any(String),
    });
  });

  it('token prints the token and nothing else, and the API accepts it', async () => {
    const result = await runCli(['token'], home.env);
    expect(result).toEqual({ status: 0, stdout: `${session().accessToken}\n`, stderr: '' });
    const me = await fetch(`${api.url}/api/me`, {
      headers: { authorization: `Bearer ${result.stdout.trim()}` },
    });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ username: 'alice' });
  });

  it('token hands out a token far from expiry as it is, without touching the session', async () => {
    const before = statSync(home.sessionFile);
    const tokens = await Promise.all([runCli(['token'], home.env), runCli(['token'], home.env)]);
    expect(tokens.map((result) => result.stdout)).toEqual([
      `${session().accessToken}\n`,
      `${session().accessToken}\n`,
    ]);
    const after = statSync(home.sessionFile);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it('whoami prints the username first, then what the API sees', async () => {
    const result = await runCli(['whoami'], home.env);
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('alice');
    expect(lines).toEqual(
      expect.arrayContaining([
        'groups:   database, oracle-ai-users',
        'access:   chat, analytics',
        `api:      ${api.url}`,
        `issuer:   ${idp.issuer}`,
      ]),
    );
    const json = await runCli(['whoami', '--json'], home.env);
    expect(JSON.parse(json.stdout)).toMatchObject({ username: 'alice', dpopBound: false });
  });

  it('refuses a session file others can read: exit 1, one line naming it and the fix', async () => {
    chmodSync(home.sessionFile, 0o644);
    try {
      for (const command of ['token', 'whoami']) {
        const result = await runCli([command], home.env);
        expect(result).toEqual({
          status: 1,
          stdout: '',
          stderr: `oracle-ai: ${home.sessionFile} is open to other users (mode 0644) and was not used: run chmod 600 ${home.sessionFile} (or delete it and log in again if others may have read it)\n`,
        });
      }
    } finally {
      chmodSync(home.sessionFile, 0o600);
    }
  });

  it('answers a callback with a wrong state 400 and never redeems its code', async () => {
    const other = cliHome();
    try {
      const cli = startCli(['login', '--issuer', idp.issuer, '--no-browser'], other.env);
      const [, url] = await cli.waitForStderr(AUTHORIZATION_URL);
      const callback = await authorizeAtDevIdp(idp.issuer, url, 'dave');
      const forged = new URL(callback);
      forged.searchParams.set('state', 'forged');
      expect((await fetch(forged)).status).toBe(400);
      await cli.waitForStderr(/not for this sign-in \(wrong state\)/);
      // A code redeemed once cannot be redeemed again (and its tokens would be revoked): this
      // one still works, so the forged callback never reached the token endpoint.
      expect((await fetch(callback)).status).toBe(200);
      const result = await cli.result;
      expect(result.status).toBe(0);
      expect(result.stderr).toContain(`Signed in as dave at ${idp.issuer}.`);
    } finally {
      other.remove();
    }
  });

  it('signing in again replaces the session and revokes the previous refresh token', async () => {
    const previous = session();
    const cli = startCli(['login', '--no-browser'], home.env);
    const [, url] = await cli.waitForStderr(AUTHORIZATION_URL);
    await fetch(await authorizeAtDevIdp(idp.issuer, url, 'alice'));
    const result = await cli.result;
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(`Signed in as alice at ${idp.issuer} for ${api.url}.`);
    expect(session().refreshToken).not.toBe(previous.refreshToken);
    expect(await redeemRefreshToken(idp.issuer, previous.refreshToken)).toEqual({
      status: 400,
      error: 'invalid_grant',
    });
    expect((await runCli(['whoami'], home.env)).status).toBe(0);
  });

  it('says so when every registered loopback port is taken', async () => {
    const taken: Server[] = [];
    for (let i = 0; i < 2; i++) {
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      taken.push(server);
    }
    const ports = taken.map((server) => (server.address() as { port: number }).port);
    try {
      const result = await runCli(['login', '--api', api.url, '--no-browser'], {
        ...home.env,
        ORACLE_AI_CLI_PORTS: ports.join(','),
      });
      expect(result).toEqual({
        status: 1,
        stdout: '',
        stderr: `oracle-ai: no free loopback port for the sign-in on 127.0.0.1 (${ports[0]}: EADDRINUSE, ${ports[1]}: EADDRINUSE): stop what uses one, or register another http://127.0.0.1:<port>/callback at the IdP and add the port to ORACLE_AI_CLI_PORTS\n`,
      });
    } finally {
      taken.forEach((server) => server.close());
    }
  });

  it('gives up waiting for the browser after ORACLE_AI_LOGIN_TIMEOUT_S, keeping the session', async () => {
    const before = readFileSync(home.sessionFile, 'utf8');
    const result = await runCli(['login', '--api', api.url, '--no-browser'], {
      ...home.env,
      ORACLE_AI_LOGIN_TIMEOUT_S: '1',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /\noracle-ai: no sign-in came back from the browser within 1 s: run login again\n$/,
    );
    expect(readFileSync(home.sessionFile, 'utf8')).toBe(before);
  });

  it.each([
    [
      ['login', '--api', 'http://api.example.com'],
      '--api must use https (http only for localhost), got "http://api.example.com"',
    ],
    [['login', '--port', '99999'], '--port must be a port from 1 to 65535 (got "99999")'],
    [['login', '--colour'], "Unknown option '--colour'"],
    [['ask'], 'ask takes 1 argument (in quotes), got 0'],
    [['ask', '   '], 'the question is empty'],
    [['token', 'extra'], 'token takes no arguments (got "extra")'],
  ])('oracle-ai %j is a usage error: exit 2', async (args, message) => {
    const result = await runCli(args, home.env);
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr: `oracle-ai: ${message}\nsee: oracle-ai ${args[0]} --help\n`,
    });
  });

  it('a bad ORACLE_AI_* variable is a usage error naming it', async () => {
    const result = await runCli(['whoami'], { ...home.env, ORACLE_AI_API: 'ftp://x' });
    expect(result).toMatchObject({ status: 2, stdout: '' });
    expect(result.stderr).toMatch(/^oracle-ai: ORACLE_AI_API must /);
  });

  it('without a session every command but login and logout fails with one line', async () => {
    const nobody = cliHome();
    try {
      for (const args of [['token'], ['whoami'], ['ask', 'Why is it slow?']]) {
        expect(await runCli(args, nobody.env)).toEqual({
          status: 1,
          stdout: '',
          stderr: 'oracle-ai: not signed in: run `oracle-ai login --api <API URL>` first\n',
        });
      }
      expect(await runCli(['logout'], nobody.env)).toEqual({
        status: 0,
        stdout: '',
        stderr: 'Not signed in: nothing to do.\n',
      });
    } finally {
      nobody.remove();
    }
  });
});
