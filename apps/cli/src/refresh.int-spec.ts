import { existsSync } from 'node:fs';
import { startApi, type RunningApi } from '@oracle-ai/shared/testing-api';
import { startDevIdp, type RunningDevIdp } from '@oracle-ai/shared/testing-dev-idp';
import { cliHome } from './testing/cli-home';
import { AUTHORIZATION_URL, killAll, runCli, startCli } from './testing/cli-process';
import { authorizeAtDevIdp } from './testing/dev-idp-login';
import { redeemRefreshToken } from './testing/idp-token-endpoint';
import { readSession, refreshDue } from './testing/session-file';

jest.setTimeout(60_000);

/**
 * Refresh, its lock and logout, with access tokens that live 61 s: one second after each
 * sign-in or refresh they are inside the 60 s margin, and `token` refreshes them.
 */
describe('oracle-ai token refreshes, logout revokes', () => {
  let idp: RunningDevIdp;
  let api: RunningApi;
  const home = cliHome();

  /** Signs `home` in (the browser played over HTTP: the Chromium journey is in login.int-spec). */
  async function login(env: NodeJS.ProcessEnv, username = 'alice'): Promise<void> {
    const cli = startCli(['login', '--api', api.url, '--no-browser'], env);
    const [, url] = await cli.waitForStderr(AUTHORIZATION_URL);
    await fetch(await authorizeAtDevIdp(idp.issuer, url, username));
    expect((await cli.result).status).toBe(0);
  }

  beforeAll(async () => {
    idp = await startDevIdp({ accessTokenTtlS: 61 });
    api = await startApi({ issuer: idp.issuer });
    await login(home.env);
  });

  afterAll(async () => {
    killAll();
    await api?.stop();
    await idp?.stop();
    home.remove();
  });

  it('refreshes a token expiring within 60 s: a new token the API accepts, the refresh token rotated', async () => {
    const before = readSession(home.sessionFile);
    await refreshDue(home.sessionFile);
    const result = await runCli(['token'], home.env);
    const after = readSession(home.sessionFile);
    expect(result).toEqual({ status: 0, stdout: `${after.accessToken}\n`, stderr: '' });
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.refreshedAt).toBeGreaterThan(Date.now() - 10_000);
    const me = await fetch(`${api.url}/api/me`, {
      headers: { authorization: `Bearer ${after.accessToken}` },
    });
    expect(me.status).toBe(200);
  });

  it('six token calls at once refresh once, and the session lives on', async () => {
    const before = readSession(home.sessionFile);
    await refreshDue(home.sessionFile);
    const results = await Promise.all(Array.from({ length: 6 }, () => runCli(['token'], home.env)));
    const after = readSession(home.sessionFile);
    expect(results.map(({ status }) => status)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(results.map(({ stderr }) => stderr).join('')).toBe('');
    // One refresh: every call printed the same new token. Two with the same refresh token would
    // have been taken for theft and the grant revoked (see the next test); two in turn would
    // have printed two tokens.
    expect(new Set(results.map(({ stdout }) => stdout))).toEqual(
      new Set([`${after.accessToken}\n`]),
    );
    expect(after.accessToken).not.toBe(before.accessToken);
    await refreshDue(home.sessionFile);
    const next = await runCli(['token'], home.env);
    expect(next.status).toBe(0);
    expect(next.stdout).not.toBe(`${after.accessToken}\n`);
  });

  it('reports a session the IdP ended: a replayed refresh token revokes the grant', async () => {
    const other = cliHome();
    try {
      await login(other.env, 'bob');
      const { refreshToken } = readSession(other.sessionFile);
      await refreshDue(other.sessionFile);
      expect((await runCli(['token'], other.env)).status).toBe(0);
      // The replaced refresh token, replayed as a thief would: refused, and the IdP revokes the
      // whole grant, the session's newer refresh token included.
      expect(await redeemRefreshToken(idp.issuer, refreshToken as string)).toEqual({
        status: 400,
        error: 'invalid_grant',
      });
      await refreshDue(other.sessionFile);
      const result = await runCli(['token'], other.env);
      expect(result).toMatchObject({ status: 1, stdout: '' });
      expect(result.stderr).toMatch(
        /^oracle-ai: the IdP ended this session \(.+\): run `oracle-ai login` again\n$/,
      );
    } finally {
      other.remove();
    }
  });

  it('logout revokes the refresh token at the IdP and deletes the session', async () => {
    const other = cliHome();
    try {
      await login(other.env, 'dave');
      const { refreshToken } = readSession(other.sessionFile);
      expect(await runCli(['logout'], other.env)).toEqual({
        status: 0,
        stdout: '',
        stderr: 'Signed out: refresh token revoked, session deleted.\n',
      });
      expect(existsSync(other.sessionFile)).toBe(false);
      expect(await redeemRefreshToken(idp.issuer, refreshToken as string)).toEqual({
        status: 400,
        error: 'invalid_grant',
      });
    } finally {
      other.remove();
    }
  });

  describe('with the IdP down', () => {
    beforeAll(async () => {
      await idp.stop();
    });

    it('token hands out a token still valid for a while, with a warning on stderr', async () => {
      await refreshDue(home.sessionFile);
      const { accessToken } = readSession(home.sessionFile);
      const result = await runCli(['token'], home.env);
      expect(result.status).toBe(0);
      expect(result.stdout).toBe(`${accessToken}\n`);
      expect(result.stderr).toMatch(
        new RegExp(
          `^oracle-ai: warning: could not refresh \\(cannot reach the IdP at ${idp.issuer} \\(ECONNREFUSED\\)\\); the current token is valid for \\d+ s more\\n$`,
        ),
      );
    });

    it('logout deletes the session all the same, says the token was not revoked, exits 1', async () => {
      const result = await runCli(['logout'], home.env);
      expect(result).toEqual({
        status: 1,
        stdout: '',
        stderr: `oracle-ai: the session is deleted, but the refresh token could not be revoked (cannot reach the IdP at ${idp.issuer} (ECONNREFUSED)): it stays valid at the IdP until it expires\n`,
      });
      expect(existsSync(home.sessionFile)).toBe(false);
    });
  });
});
