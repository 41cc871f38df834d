import { startDevIdp, type RunningDevIdp } from '@oracle-ai/shared/testing-dev-idp';
import { DevIdpError } from './dev-idp-error';
import { getTokens } from './get-tokens';

// Runs the built dev IdP: `nx test` builds it first (see project.json).
jest.setTimeout(30_000);

function decodePayload(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());
}

describe('getTokens', () => {
  let idp: RunningDevIdp;

  beforeAll(async () => {
    idp = await startDevIdp({ accessTokenTtlS: 60 });
  });

  afterAll(async () => {
    await idp.stop();
  });

  it("returns a seeded user's tokens through the CLI client's code + PKCE grant", async () => {
    const tokens = await getTokens({ issuer: idp.issuer, username: 'alice' });
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 60 });
    expect(decodePayload(tokens.access_token)).toMatchObject({
      iss: idp.issuer,
      aud: 'oracle-ai-api',
      preferred_username: 'alice',
      groups: ['database', 'oracle-ai-users'],
    });
    expect(decodePayload(tokens.id_token)).toMatchObject({ aud: 'oracle-ai-cli' });
  });

  it('refuses a wrong password with ERR_DEV_IDP_LOGIN_REFUSED', async () => {
    const login = getTokens({ issuer: idp.issuer, username: 'alice', password: 'bob' });
    await expect(login).rejects.toBeInstanceOf(DevIdpError);
    await expect(login).rejects.toMatchObject({
      code: 'ERR_DEV_IDP_LOGIN_REFUSED',
      message: 'dev IdP refused the login for "alice": unknown user or wrong password',
    });
  });

  it('tells the user to start the dev IdP when nothing answers', async () => {
    const stopped = await startDevIdp();
    await stopped.stop();
    await expect(getTokens({ issuer: stopped.issuer, username: 'bob' })).rejects.toMatchObject({
      code: 'ERR_DEV_IDP_UNREACHABLE',
      message: `dev IdP not reachable at ${stopped.issuer} — start it with npm start`,
    });
  });
});
