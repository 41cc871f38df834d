import { findFreePort } from '@oracle-ai/shared/testing-node-process';
import { SessionStore, type Session } from '@oracle-ai/cli/data-access-session';
import { freshSession } from './fresh-session';
import { fakeContext } from './testing/fake-context';

/** Sessions a refresh cannot help (the refresh paths run against the dev IdP in apps/cli). */
describe('freshSession without a refresh token', () => {
  let fake: ReturnType<typeof fakeContext>;
  let store: SessionStore;
  const base: Session = {
    issuer: 'http://localhost:4400',
    clientId: 'oracle-ai-cli',
    accessToken: 'token-1',
    tokenType: 'Bearer',
    signedInAt: 0,
  };

  beforeEach(() => {
    fake = fakeContext();
    store = new SessionStore(fake.context.sessionDirectory as string);
  });

  afterEach(() => fake.remove());

  const save = (session: Session) => store.update(async () => store.write(session));

  it('hands out a token about to expire as it is, since nothing can replace it', async () => {
    await save({ ...base, expiresAt: Date.now() + 30_000 });
    await expect(freshSession(store, fake.context)).resolves.toMatchObject({
      accessToken: 'token-1',
    });
  });

  it('hands out a token of unknown expiry as it is', async () => {
    await save(base);
    await expect(freshSession(store, fake.context)).resolves.toMatchObject({
      accessToken: 'token-1',
    });
  });

  it('says to log in again once it has expired', async () => {
    await save({ ...base, expiresAt: Date.now() - 1 });
    await expect(freshSession(store, fake.context)).rejects.toMatchObject({
      code: 'ERR_SESSION_ENDED',
      message:
        'the access token has expired and the IdP gave no refresh token: run `oracle-ai login` again',
    });
  });

  it('says the IdP cannot be reached when a refresh is due and the token is nearly gone', async () => {
    // Free a moment ago: nothing listens there.
    const issuer = `http://127.0.0.1:${await findFreePort()}`;
    await save({ ...base, issuer, refreshToken: 'r', expiresAt: Date.now() + 5_000 });
    await expect(freshSession(store, fake.context)).rejects.toMatchObject({
      code: 'ERR_IDP_UNAVAILABLE',
      message: `cannot reach the IdP at ${issuer} (ECONNREFUSED)`,
    });
  });
});
