import Fastify, { type FastifyInstance } from 'fastify';
import { corsPolicy } from './cors-policy';

const SPA = 'http://localhost:4200';

describe('corsPolicy', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = Fastify();
    await app.register(corsPolicy, { origins: [SPA, 'https://app.example.com'] });
    app.get('/api/me', async (_request, reply) =>
      reply.code(401).header('www-authenticate', 'Bearer realm="oracle-ai"').send({}),
    );
    await app.ready();
  });

  afterAll(() => app.close());

  const preflight = (origin: string, url = '/api/me') =>
    app.inject({
      method: 'OPTIONS',
      url,
      headers: {
        origin,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization,dpop',
      },
    });

  it('preflight from an allowed origin allows the token headers, no credentials, and is cached', async () => {
    const response = await preflight(SPA);
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expect(response.headers['content-length']).toBe('0');
    expect(response.headers['access-control-allow-origin']).toBe(SPA);
    expect(response.headers['access-control-allow-methods']).toBe('GET, HEAD, POST');
    expect(response.headers['access-control-allow-headers']).toBe(
      'Authorization, Content-Type, DPoP',
    );
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    expect(response.headers['access-control-max-age']).toBe('600');
    expect(response.headers.vary).toBe('Origin');
  });

  it('every listed origin is granted, each its own', async () => {
    const response = await preflight('https://app.example.com');
    expect(response.headers['access-control-allow-origin']).toBe('https://app.example.com');
  });

  it('preflight of a path without a route is answered the same (the browser then gets the 404)', async () => {
    const response = await preflight(SPA, '/api/nope');
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe(SPA);
  });

  it.each([
    'http://localhost:4201',
    'http://evil.localhost:4200',
    'null',
    'http://localhost:4200.evil.io',
    'HTTP://LOCALHOST:4200',
    'http://localhost:4200/',
    `${SPA}, http://evil.example`,
  ])('origin %p gets no CORS grant, on a preflight or a request', async (origin) => {
    const answer = await preflight(origin);
    expect(answer.statusCode).toBe(204);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    expect(answer.headers['access-control-allow-headers']).toBeUndefined();
    const response = await app.inject({ url: '/api/me', headers: { origin } });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers['access-control-expose-headers']).toBeUndefined();
    expect(response.headers.vary).toBe('Origin');
  });

  it('an allowed origin can read error responses, the challenge and the request id', async () => {
    const response = await app.inject({ url: '/api/me', headers: { origin: SPA } });
    expect(response.statusCode).toBe(401);
    expect(response.headers['access-control-allow-origin']).toBe(SPA);
    expect(response.headers['access-control-expose-headers']).toBe(
      'WWW-Authenticate, Retry-After, X-Request-Id, DPoP-Nonce',
    );
    expect(response.headers['access-control-allow-methods']).toBeUndefined();
    expect(response.headers.vary).toBe('Origin');
  });

  it('a request without Origin gets no CORS headers, only Vary (a cache keeps the two apart)', async () => {
    const response = await app.inject({ url: '/api/me' });
    expect(response.statusCode).toBe(401);
    expect(response.headers.vary).toBe('Origin');
    expect(
      Object.keys(response.headers).filter((name) => name.startsWith('access-control-')),
    ).toEqual([]);
  });

  it('an OPTIONS that is not a preflight is an unknown route', async () => {
    for (const headers of [{}, { origin: SPA }, { 'access-control-request-method': 'GET' }]) {
      const response = await app.inject({ method: 'OPTIONS', url: '/api/me', headers });
      expect(response.statusCode).toBe(404);
    }
  });
});
