import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { discoverProtectedResource, normalizedApiUrl } from './resource-metadata';

/** A stand-in API answering each path from `routes` (404 otherwise), recording what was asked. */
async function standIn(
  routes: (origin: string) => Record<string, unknown>,
): Promise<{ origin: string; asked: string[]; server: Server }> {
  const asked: string[] = [];
  let origin = '';
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    asked.push(req.url ?? '');
    const body = routes(origin)[req.url ?? ''];
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
    res.end(body === undefined ? '{}' : typeof body === 'string' ? body : JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, asked, server };
}

describe('discoverProtectedResource (RFC 9728)', () => {
  const servers: Server[] = [];
  afterEach(() => servers.splice(0).forEach((server) => server.close()));

  async function api(routes: (origin: string) => Record<string, unknown>) {
    const stand = await standIn(routes);
    servers.push(stand.server);
    return stand;
  }

  it('reads the issuer of an API at the host root', async () => {
    const { origin, asked } = await api((origin) => ({
      '/.well-known/oauth-protected-resource': {
        resource: origin,
        authorization_servers: ['https://sso.example.com/affwebservices/CASSO/oidc/oracle-ai'],
        dpop_bound_access_tokens_required: false,
      },
    }));
    await expect(discoverProtectedResource(`${origin}/`)).resolves.toEqual({
      resource: origin,
      issuer: 'https://sso.example.com/affwebservices/CASSO/oidc/oracle-ai',
      dpopRequired: false,
    });
    expect(asked).toEqual(['/.well-known/oauth-protected-resource']);
  });

  it('looks below a path where §3.1 puts it, then where the API serves it itself', async () => {
    const { origin, asked } = await api((origin) => ({
      '/oracle-ai/.well-known/oauth-protected-resource': {
        resource: `${origin}/oracle-ai`,
        authorization_servers: ['https://idp.example.com'],
        dpop_bound_access_tokens_required: true,
      },
    }));
    await expect(discoverProtectedResource(`${origin}/oracle-ai`)).resolves.toEqual({
      resource: `${origin}/oracle-ai`,
      issuer: 'https://idp.example.com',
      dpopRequired: true,
    });
    expect(asked).toEqual([
      '/.well-known/oauth-protected-resource/oracle-ai',
      '/oracle-ai/.well-known/oauth-protected-resource',
    ]);
  });

  it('refuses metadata that names another resource, and says which URL to use', async () => {
    const { origin } = await api(() => ({
      '/.well-known/oauth-protected-resource': {
        resource: 'http://localhost:3000',
        authorization_servers: ['http://localhost:4400'],
      },
    }));
    await expect(discoverProtectedResource(origin)).rejects.toMatchObject({
      code: 'ERR_OAUTH_CONFIGURATION',
      message: `the API at ${origin} calls itself http://localhost:3000: use --api http://localhost:3000`,
    });
  });

  it.each([
    [
      'no metadata at all',
      {},
      /does not say which IdP it trusts \(HTTP 404 from .*\): pass --issuer$/,
    ],
    [
      'no authorization server',
      { '/.well-known/oauth-protected-resource': { resource: 'x', authorization_servers: [] } },
      /sent no usable RFC 9728 metadata \(resource, authorization_servers\): pass --issuer$/,
    ],
    [
      'not JSON',
      { '/.well-known/oauth-protected-resource': '<html>' },
      /sent no usable RFC 9728 metadata/,
    ],
  ])('asks for --issuer when there is %s', async (_case, routes, message) => {
    const { origin } = await api(() => routes);
    await expect(discoverProtectedResource(origin)).rejects.toMatchObject({
      code: 'ERR_IDP_UNAVAILABLE',
      message: expect.stringMatching(message),
    });
  });

  it('names the API and the reason when it cannot be reached', async () => {
    const { origin, server } = await api(() => ({}));
    await new Promise((resolve) => server.close(resolve));
    await expect(discoverProtectedResource(origin)).rejects.toMatchObject({
      code: 'ERR_IDP_UNAVAILABLE',
      message: `cannot reach the API at ${origin} (ECONNREFUSED)`,
    });
  });
});

describe('normalizedApiUrl', () => {
  it('drops a trailing slash and the query', () => {
    expect(normalizedApiUrl('https://api.example.com/')).toBe('https://api.example.com');
    expect(normalizedApiUrl('https://example.com/oracle-ai/?x=1')).toBe(
      'https://example.com/oracle-ai',
    );
  });

  it.each([
    ['http://api.example.com', 'must use https (http only for localhost)'],
    ['ftp://api.example.com', 'must be an http(s) URL'],
    ['https://user:pw@api.example.com', 'must not carry credentials or a fragment'],
    ['api.example.com', 'must be an http(s) URL'],
  ])('refuses %s', (url, problem) => {
    expect(() => normalizedApiUrl(url, '--api')).toThrow(`--api ${problem}, got "${url}"`);
  });

  it('allows plain http to this machine', () => {
    expect(normalizedApiUrl('http://localhost:3000')).toBe('http://localhost:3000');
    expect(normalizedApiUrl('http://127.0.0.1:3000')).toBe('http://127.0.0.1:3000');
  });
});
