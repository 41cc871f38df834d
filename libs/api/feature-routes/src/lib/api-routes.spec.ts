import Fastify, { type FastifyInstance } from 'fastify';
import { GroupMembership, type AuthenticatedUser } from '@oracle-ai/api/feature-auth';
import { apiRoutes } from './api-routes';

describe('apiRoutes', () => {
  let app: FastifyInstance;
  let user: AuthenticatedUser | null;
  let policies: Record<string, unknown>;

  beforeEach(async () => {
    app = Fastify();
    policies = {};
    app.addHook('onRoute', (route) => {
      if (route.method === 'GET') policies[route.url] = (route.config as { auth?: unknown }).auth;
    });
    app.decorateRequest('user', null);
    // Stands in for bearerAuth: what these routes see once it has run.
    app.addHook('onRequest', async (request) => {
      request.user = user;
    });
    await app.register(apiRoutes, { chatGroups: ['oracle-ai-users', 'oracle-ai-admins'] });
  });

  afterEach(() => app.close());

  const alice = (groups: string[]): AuthenticatedUser => ({
    sub: 'sub-1',
    issuer: 'https://sso.example.com',
    username: 'alice',
    groups,
    membership: new GroupMembership(groups),
    expiresAt: '2030-01-01T00:00:00.000Z',
    dpopBound: false,
    claims: { iss: 'https://sso.example.com', sub: 'sub-1', exp: 1_893_456_000 },
  });

  it('/me computes chat access from the chat groups, LDAP DNs included', async () => {
    user = alice(['database', 'CN=oracle-ai-admins,OU=Groups,DC=example,DC=com']);
    expect((await app.inject('/me')).json()).toEqual({
      sub: 'sub-1',
      username: 'alice',
      groups: ['database', 'CN=oracle-ai-admins,OU=Groups,DC=example,DC=com'],
      access: { chat: true, analytics: true },
      expiresAt: '2030-01-01T00:00:00.000Z',
      dpopBound: false,
    });
    user = alice(['database']);
    expect((await app.inject('/me')).json().access).toEqual({ chat: false, analytics: true });
    user = { ...alice(['database']), dpopBound: true };
    expect((await app.inject('/me')).json().dpopBound).toBe(true);
  });

  it("/me serializes each user once and never hands one user another user's body", async () => {
    const first = alice(['database']);
    const second: AuthenticatedUser = { ...alice(['database']), sub: 'sub-2', username: 'bob' };
    user = first;
    const a1 = await app.inject('/me');
    user = second;
    const b = await app.inject('/me');
    user = first;
    const a2 = await app.inject('/me');
    expect(a1.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(a1.json()).toMatchObject({ sub: 'sub-1', username: 'alice' });
    expect(b.json()).toMatchObject({ sub: 'sub-2', username: 'bob' });
    expect(a2.body).toBe(a1.body);
    expect(b.body).not.toBe(a1.body);
  });

  it('declares a policy on its one route: nothing beyond the app group', () => {
    expect(policies).toEqual({ '/me': { groups: [] } });
  });

  it('fails closed when reached without an authenticated user', async () => {
    user = null;
    expect((await app.inject('/me')).statusCode).toBe(500);
  });
});
