import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { apiErrorHandler } from './error-handler';
import { REQUEST_ID_LOG_LABEL, requestIdOf, requestIds } from './request-id';

describe('requestIds', () => {
  let app: FastifyInstance;
  let logged: { requestId?: string; msg: string }[];

  beforeAll(async () => {
    logged = [];
    const stream = { write: (line: string) => void logged.push(JSON.parse(line)) };
    app = Fastify({
      logger: { level: 'info', stream },
      genReqId: requestIdOf,
      logController: new LogController({ requestIdLogLabel: REQUEST_ID_LOG_LABEL }),
    });
    await app.register(apiErrorHandler);
    await app.register(requestIds);
    app.get('/ok', async (request) => {
      request.log.info('handled');
      return { id: request.id };
    });
    app.get('/refused', async () => {
      throw Object.assign(new Error('no'), { statusCode: 401, code: 'MISSING_TOKEN' });
    });
    await app.ready();
  });

  afterAll(() => app.close());

  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('keeps a safe incoming id, echoes it and logs it as requestId', async () => {
    const id = 'gw-1.2:abc_DEF-9';
    const response = await app.inject({ url: '/ok', headers: { 'x-request-id': id } });
    expect(response.headers['x-request-id']).toBe(id);
    expect(response.json()).toEqual({ id });
    expect(logged).toContainEqual(expect.objectContaining({ requestId: id, msg: 'handled' }));
  });

  it.each([
    ['absent', undefined],
    ['too long', 'a'.repeat(129)],
    ['a space', 'a b'],
    ['two lines joined', 'a, b'],
    ['a newline escape', 'a%0d%0aSet-Cookie:x'],
    ['non-ASCII', 'ïd'],
    ['empty', ''],
  ])('makes a new one when the incoming id is %s', async (_name, incoming) => {
    const headers = incoming === undefined ? {} : { 'x-request-id': incoming };
    const response = await app.inject({ url: '/ok', headers });
    expect(response.headers['x-request-id']).toMatch(UUID);
    expect(response.json()).toEqual({ id: response.headers['x-request-id'] });
  });

  it('the longest accepted id is 128 characters', async () => {
    const id = 'x'.repeat(128);
    const response = await app.inject({ url: '/ok', headers: { 'x-request-id': id } });
    expect(response.headers['x-request-id']).toBe(id);
  });

  it('refusals and unknown routes carry it in the header and the body', async () => {
    for (const url of ['/refused', '/nope']) {
      const response = await app.inject({ url, headers: { 'x-request-id': 'trace-42' } });
      expect([response.headers['x-request-id'], response.json().requestId]).toEqual([
        'trace-42',
        'trace-42',
      ]);
    }
  });
});
