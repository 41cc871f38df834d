import Fastify, { type FastifyInstance } from 'fastify';
import { corsPolicy } from './cors-policy';

describe('corsPolicy', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = Fastify();
    await app.register(corsPolicy, { origins: ['http://localhost:4200'] });
    app.get('/api/me', async (_request, reply) =>
      reply.code(401).header('www-authenticate', 'Bearer realm="oracle-ai"').send({}),
    );
    await app.ready();
  });

  afterAll(() => app.close());

  it('preflight from the allowed origin allows Authorization, no credentials, and is cached', async () => {
    const response = await app.inject({
      method: 'OPTIONS',
      url: '/api/me',
      headers: {
        origin: 'http://localhost:4200',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe('http://localhost:4200');
    expect(String(response.headers['access-control-allow-headers']).toLowerCase()).toContain(
      'authorization',
    );
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    expect(response.headers['access-control-max-age']).toBe('600');
  });

  it.each([
    'http://localhost:4201',
    'http://evil.localhost:4200',
    'null',
    'http://localhost:4200.evil.io',
    'http://localhost:4200, http://evil.example',
  ])('origin %p gets no CORS grant', async (origin) => {
    const response = await app.inject({ url: '/api/me', headers: { origin } });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('an allowed origin can read error responses and the challenge', async () => {
    const response = await app.inject({
      url: '/api/me',
      headers: { origin: 'http://localhost:4200' },
    });
    expect(response.headers['access-control-allow-origin']).toBe('http://localhost:4200');
    expect(String(response.headers['access-control-expose-headers']).toLowerCase()).toContain(
      'www-authenticate',
    );
  });
});
