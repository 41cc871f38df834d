import { statSync } from 'node:fs';
import { startApi, type RunningApi } from '@oracle-ai/shared/testing-api';
import { startDevIdp, type RunningDevIdp } from '@oracle-ai/shared/testing-dev-idp';
import { cliHome } from './testing/cli-home';
import { AUTHORIZATION_URL, killAll, runCli, startCli } from './testing/cli-process';
import { authorizeAtDevIdp } from './testing/dev-idp-login';
import { readSession, refreshDue } from './testing/session-file';

jest.setTimeout(60_000);

const claims = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as {
    cnf?: { jkt?: string };
  };

/**
 * DPoP (RFC 9449): tokens bound to a key kept with the session, proofs at the IdP's token
 * endpoint and at the API. Both ask for nonces here (RFC 9449 §8), which openid-client answers.
 */
describe('oracle-ai with DPoP', () => {
  let idp: RunningDevIdp;
  let api: RunningApi;
  let strictApi: RunningApi;
  const home = cliHome();

  async function login(args: string[], env: NodeJS.ProcessEnv) {
    const cli = startCli(['login', '--no-browser', ...args], env);
    const [, url] = await cli.waitForStderr(AUTHORIZATION_URL);
    await fetch(await authorizeAtDevIdp(idp.issuer, url));
    return cli.result;
  }

  beforeAll(async () => {
    idp = await startDevIdp({ accessTokenTtlS: 61, dpop: true, dpopNonce: true });
    [api, strictApi] = await Promise.all([
      startApi({ issuer: idp.issuer }),
      startApi({
        issuer: idp.issuer,
        env: {
          AUTH_DPOP: 'required',
          AUTH_DPOP_NONCE: 'on',
          AUTH_DPOP_NONCE_SECRET: 'a-secret-of-at-least-32-characters!',
        },
      }),
    ]);
  });

  afterAll(async () => {
    killAll();
    await Promise.all([api?.stop(), strictApi?.stop()]);
    await idp?.stop();
    home.remove();
  });

  it('login --dpop binds the tokens to a key kept in the 0600 session file', async () => {
    const result = await login(['--api', api.url, '--dpop'], home.env);
    expect(result.status).toBe(0);
    const session = readSession(home.sessionFile);
    expect(session.tokenType).toBe('DPoP');
    expect(session.dpopKey).toMatchObject({ kty: 'EC', crv: 'P-256', d: expect.any(String) });
    expect(claims(session.accessToken).cnf?.jkt).toMatch(/^[\w-]{43}$/);
    expect(statSync(home.sessionFile).mode & 0o777).toBe(0o600);
  });

  it('token prints the token and warns on stderr that it needs a proof; as Bearer the API refuses it', async () => {
    const result = await runCli(['token'], home.env);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${readSession(home.sessionFile).accessToken}\n`);
    expect(result.stderr).toBe(
      'oracle-ai: warning: this token is DPoP-bound: the API refuses it as Bearer; send it as "Authorization: DPoP <token>" with a DPoP proof signed by the session key (oracle-ai whoami and ask do)\n',
    );
    const asBearer = await fetch(`${api.url}/api/me`, {
      headers: { authorization: `Bearer ${result.stdout.trim()}` },
    });
    expect(asBearer.status).toBe(401);
  });

  it('whoami presents the token with a proof', async () => {
    const result = await runCli(['whoami', '--json'], home.env);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ username: 'alice', dpopBound: true });
  });

  it('refreshes with a proof by the same key (the refresh token is bound to it too)', async () => {
    const before = readSession(home.sessionFile);
    await refreshDue(home.sessionFile);
    expect((await runCli(['token'], home.env)).status).toBe(0);
    const after = readSession(home.sessionFile);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(claims(after.accessToken).cnf?.jkt).toBe(claims(before.accessToken).cnf?.jkt);
  });

  it('uses DPoP by itself for an API that accepts nothing else, nonces included', async () => {
    const strict = cliHome();
    try {
      const result = await login(['--api', strictApi.url], strict.env);
      expect(result.status).toBe(0);
      expect(result.stderr).toContain(
        'The API accepts DPoP-bound tokens only: this session will use DPoP.',
      );
      const whoami = await runCli(['whoami'], strict.env);
      expect(whoami).toMatchObject({ status: 0, stderr: '' });
      expect(whoami.stdout).toMatch(/^alice\n[\s\S]*token: {4}DPoP-bound,/);
    } finally {
      strict.remove();
    }
  });

  it('refuses --dpop at an IdP that does not offer it', async () => {
    const plainIdp = await startDevIdp({ dpop: false });
    const other = cliHome();
    try {
      const result = await runCli(
        ['login', '--issuer', plainIdp.issuer, '--dpop', '--no-browser'],
        other.env,
      );
      expect(result).toEqual({
        status: 1,
        stdout: '',
        stderr: `oracle-ai: the IdP at ${plainIdp.issuer} does not offer DPoP with ES256 proofs: log in without --dpop\n`,
      });
    } finally {
      other.remove();
      await plainIdp.stop();
    }
  });
});
