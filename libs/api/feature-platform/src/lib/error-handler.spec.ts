import createError from '@fastify/error';
import Fastify, { type FastifyInstance } from 'fastify';
import { apiErrorHandler, type HttpErrorExtras } from './error-handler';

describe('apiErrorHandler', () => {
  let app: FastifyInstance;
  let logged: { level: number; msg: string; err?: { message: string } }[];

  beforeAll(async () => {
    logged = [];
    const stream = { write: (line: string) => void logged.push(JSON.parse(line)) };
    app = Fastify({ logger: { level: 'debug', stream } });
    await app.register(apiErrorHandler);
    const Expired = createError('TOKEN_EXPIRED', 'The access token has expired', 401);
    const Groups = createError<[string]>('GROUP_REQUIRED', 'Need one of: %s', 403);
    const Down = createError('IDP_UNAVAILABLE', 'IdP down', 503);
    app.get('/expired', async () => {
      throw Object.assign(new Expired(), {
        headers: { 'www-authenticate': 'Bearer realm="x", error="invalid_token"' },
      } satisfies HttpErrorExtras);
    });
    app.get('/groups', async () => {
      throw Object.assign(new Groups('database'), { requiredGroups: ['database'] });
    });
    app.get('/down', async () => {
      throw Object.assign(new Down(), { retryAfterS: 7 });
    });
    app.get('/bug', async () => {
      throw new TypeError('secret internals at /srv/app.js:12');
    });
    app.post('/body', async () => 'ok');
    await app.ready();
  });

  afterAll(() => app.close());

  it('renders a coded error in the contract shape with the headers it carries, no-store', async () => {
    const response = await app.inject('/expired');
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      code: 'token_expired',
      message: 'The access token has expired',
      requestId: expect.any(String),
    });
    expect(response.headers['www-authenticate']).toBe('Bearer realm="x", error="invalid_token"');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('names the required groups and sends Retry-After', async () => {
    expect((await app.inject('/groups')).json()).toMatchObject({
      code: 'group_required',
      requiredGroups: ['database'],
    });
    const down = await app.inject('/down');
    expect(down.statusCode).toBe(503);
    expect(down.headers['retry-after']).toBe('7');
  });

  it('a bug is a 500 with a generic message, logged with its details', async () => {
    const response = await app.inject('/bug');
    expect(response.json()).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      code: 'internal_error',
      message: 'Internal server error',
      requestId: expect.any(String),
    });
    expect(logged).toContainEqual(
      expect.objectContaining({
        level: 50,
        msg: 'request failed',
        err: expect.objectContaining({ message: 'secret internals at /srv/app.js:12' }),
      }),
    );
  });

  it('a client error Fastify raises (a body that is not JSON) stays a 4xx invalid_request', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/body',
      headers: { 'content-type': 'application/json' },
      payload: '{bad',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid_request', statusCode: 400 });
  });

  it('a body that is not JSON keeps its 415 with invalid_request; one over the limit is 413 payload_too_large', async () => {
    const xml = await app.inject({
      method: 'POST',
      url: '/body',
      headers: { 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect([xml.statusCode, xml.json().code]).toEqual([415, 'invalid_request']);
    const large = await app.inject({
      method: 'POST',
      url: '/body',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ a: 'x'.repeat(1024 * 1024 + 1) }),
    });
    expect(large.json()).toMatchObject({ statusCode: 413, code: 'payload_too_large' });
  });

  it('answers unknown routes with 404 not_found, no-store, without echoing the query', async () => {
    const response = await app.inject('/nope?token=secret');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      statusCode: 404,
      error: 'Not Found',
      code: 'not_found',
      message: 'No route GET /nope',
      requestId: expect.any(String),
    });
    expect(response.headers['cache-control']).toBe('no-store');
  });
});
