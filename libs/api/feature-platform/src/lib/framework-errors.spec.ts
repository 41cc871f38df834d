import Fastify from 'fastify';
import { apiErrorHandler } from './error-handler';
import { frameworkErrors } from './framework-errors';
import { requestIdOf } from './request-id';

describe('frameworkErrors', () => {
  it('answers a URL the router refuses in the contract shape, with the request id, without echoing it', async () => {
    const app = Fastify({ frameworkErrors, genReqId: requestIdOf });
    await app.register(apiErrorHandler);
    app.get('/items/:id', async () => ({ ok: true }));
    try {
      const tooLong = await app.inject({
        url: `/items/${'x'.repeat(101)}`,
        headers: { 'x-request-id': 'req-1' },
      });
      expect([
        tooLong.statusCode,
        tooLong.headers['x-request-id'],
        tooLong.headers['cache-control'],
      ]).toEqual([414, 'req-1', 'no-store']);
      expect(tooLong.json()).toEqual({
        statusCode: 414,
        error: 'URI Too Long',
        code: 'invalid_request',
        message: 'A path segment of the URL is too long',
        requestId: 'req-1',
      });
      const malformed = await app.inject({ url: '/items/%E0%A4%A' });
      expect([malformed.statusCode, malformed.json().code, malformed.json().message]).toEqual([
        400,
        'invalid_request',
        'The URL is not valid',
      ]);
      expect((await app.inject({ url: '/items/1' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
