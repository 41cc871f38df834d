import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import type { DevIdpServer } from './server';
import { startTestIdp } from './testing/dev-idp-harness';

jest.setTimeout(30_000);

const WORKSPACE_ROOT = join(__dirname, '../../..');

/** Runs the CLI as `npm run token` does: tsx from the workspace root. */
function runTokenCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const tsx = join(WORKSPACE_ROOT, 'node_modules/tsx/dist/cli.mjs');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [
        tsx,
        '--tsconfig',
        'apps/dev-idp/tsconfig.app.json',
        'apps/dev-idp/src/token-cli.ts',
        ...args,
      ],
      { cwd: WORKSPACE_ROOT, env: { ...process.env, DEV_IDP_ISSUER: '' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe('npm run token', () => {
  let idp: DevIdpServer;

  beforeAll(async () => {
    idp = await startTestIdp();
  });

  afterAll(async () => {
    await idp.close();
  });

  it('prints only the access token', async () => {
    const { code, stdout } = await runTokenCli('bob', '--issuer', idp.issuer);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(decodeJwt(stdout.trim())).toMatchObject({
      preferred_username: 'bob',
      aud: 'oracle-ai-api',
    });
  });

  it('prints the whole token response with --json', async () => {
    const { stdout } = await runTokenCli('dave', '--issuer', idp.issuer, '--json');
    expect(JSON.parse(stdout)).toMatchObject({
      access_token: expect.any(String),
      id_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 300,
    });
  });

  it('explains a wrong password in one line and exits 1', async () => {
    const result = await runTokenCli('alice', '--issuer', idp.issuer, '--password', 'nope');
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toContain(
      'dev IdP refused the login for "alice": unknown user or wrong password\n',
    );
  });

  it('explains an IdP that is not running and exits 1', async () => {
    const stopped = await startTestIdp();
    await stopped.close();
    const result = await runTokenCli('alice', '--issuer', stopped.issuer);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toContain(
      `dev IdP not reachable at ${stopped.issuer} — start it with npm start\n`,
    );
  });

  it('shows the usage without a user', async () => {
    const result = await runTokenCli();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('usage: npm run -s token -- <user>');
  });
});
