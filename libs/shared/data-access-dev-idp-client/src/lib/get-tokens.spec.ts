import { startDevIdp, type RunningDevIdp } from '@oracle-ai/shared/testing-dev-idp';
import { DevIdpError } from './dev-idp-error';
import { getTokens } from './get-tokens';

// Runs the built dev IdP: `nx test` builds it first (see project.json). What each seeded user's
// tokens hold is the dev IdP's own spec; this one is about the client.
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

  it('returns the whole token response of the code + PKCE grant for oracle-ai-cli', async () => {
    const tokens = await getTokens({ issuer: idp.issuer, username: 'bob' });
    expect(tokens).toMatchObject({
      access_token: expect.any(String),
      id_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 60,
    });
    expect(decodePayload(tokens.id_token)).toMatchObject({
      iss: idp.issuer,
      aud: 'oracle-ai-cli',
      preferred_username: 'bob',
    });
  });

  it('logs in afresh every time', async () => {
    const first = await getTokens({ issuer: idp.issuer, username: 'alice' });
    const second = await getTokens({ issuer: idp.issuer, username: 'alice' });
    expect(decodePayload(second.access_token)['jti']).not.toBe(
      decodePayload(first.access_token)['jti'],
    );
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
