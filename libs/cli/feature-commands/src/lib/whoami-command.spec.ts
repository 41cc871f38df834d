import { SessionStore } from '@oracle-ai/cli/data-access-session';
import { whoami } from './whoami-command';
import { fakeContext } from './testing/fake-context';
import { standInApi, type StandInApi } from './testing/stand-in-api';

describe('whoami', () => {
  let api: StandInApi;
  let fake: ReturnType<typeof fakeContext>;

  beforeEach(async () => {
    api = await standInApi();
    fake = fakeContext();
    const store = new SessionStore(fake.context.sessionDirectory as string);
    await store.update(async () =>
      store.write({
        api: api.url,
        issuer: 'http://localhost:4400',
        clientId: 'oracle-ai-cli',
        accessToken: 'token-1',
        tokenType: 'Bearer',
        expiresAt: Date.now() + 3_600_000,
        signedInAt: Date.now(),
      }),
    );
  });

  afterEach(() => {
    api.close();
    fake.remove();
  });

  it('prints the username alone on the first line, then the rest, made printable', async () => {
    api.handle = (_req, res) =>
      res.end(
        JSON.stringify({
          sub: 's-1',
          username: 'dave',
          name: 'Dave \u001b[31mRed',
          groups: ['CN=database,OU=Groups,DC=example,DC=com'],
          access: { chat: true, analytics: false },
          expiresAt: '2026-12-05T12:00:00.000Z',
          dpopBound: false,
        }),
      );
    await whoami({ json: false }, fake.context);
    expect(fake.output.stdout).toBe(
      [
        'dave',
        'name:     Dave  [31mRed',
        'groups:   CN=database,OU=Groups,DC=example,DC=com',
        'access:   chat',
        'token:    Bearer, expires 2026-12-05T12:00:00.000Z',
        `api:      ${api.url}`,
        'issuer:   http://localhost:4400',
        '',
      ].join('\n'),
    );
    expect(api.requests[0]).toMatchObject({ method: 'GET', url: '/api/me' });
  });

  it('passes on the API’s refusal', async () => {
    api.handle = (_req, res) => {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ code: 'group_required', message: 'Requires one of the groups: database' }),
      );
    };
    await expect(whoami({ json: false }, fake.context)).rejects.toMatchObject({
      code: 'ERR_API_REFUSED',
      message: 'the API answered 403 group_required: Requires one of the groups: database',
    });
    expect(fake.output.stdout).toBe('');
  });

  it('needs an API when the session has none', async () => {
    const store = new SessionStore(fake.context.sessionDirectory as string);
    await store.update(async () => {
      const session = store.require();
      delete session.api;
      store.write(session);
    });
    await expect(whoami({ json: false }, fake.context)).rejects.toMatchObject({
      name: 'UsageError',
      message:
        'no API recorded in the session: pass --api <URL>, set ORACLE_AI_API, or log in with --api',
    });
  });
});
