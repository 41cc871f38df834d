import { networkInterfaces } from 'node:os';
import { startTestServer, type TestServer } from './testing/dev-assistant-harness';

describe('dev model server', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ model: 'meta-llama/Llama-3.1-8B' });
  });

  afterAll(async () => {
    await server.close();
  });

  it('lists its model at GET /v1/models', async () => {
    const response = await fetch(`${server.origin}/v1/models`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      object: 'list',
      data: [
        {
          id: 'meta-llama/Llama-3.1-8B',
          object: 'model',
          created: 1767225600,
          owned_by: 'oracle-ai',
        },
      ],
    });
  });

  it.each(['/v1/models/meta-llama%2FLlama-3.1-8B', '/v1/models/meta-llama/Llama-3.1-8B'])(
    'describes its model at GET %s',
    async (path) => {
      const response = await fetch(`${server.origin}${path}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        id: 'meta-llama/Llama-3.1-8B',
        object: 'model',
      });
    },
  );

  it.each(['/v1/models/gpt-4o', '/v1/models/%E0%A4%A'])(
    '%s is 404 model_not_found',
    async (path) => {
      const response = await fetch(`${server.origin}${path}`);
      expect(response.status).toBe(404);
      expect((await response.json()).error.code).toBe('model_not_found');
    },
  );

  it.each([
    ['GET', '/'],
    ['GET', '/v1/completions'],
    ['POST', '/v1/chat/completions/'],
    ['GET', '/healthz?x=1'],
  ])('%s %s is 404 unknown_url', async (method, path) => {
    const response = await fetch(`${server.origin}${path}`, { method });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: {
        message: `Unknown request URL: "${method} ${path.split('?')[0]}".`,
        type: 'invalid_request_error',
        param: null,
        code: 'unknown_url',
      },
    });
  });

  it.each([
    ['GET', '/v1/chat/completions', 'POST'],
    ['DELETE', '/v1/models', 'GET'],
  ])('%s %s is 405, allowing %s', async (method, path, allow) => {
    const response = await fetch(`${server.origin}${path}`, { method });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe(allow);
    expect((await response.json()).error.code).toBe('method_not_allowed');
  });

  it('listens on 127.0.0.1 only', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && !address.internal && address.family === 'IPv4');
    const local = await fetch(`http://localhost:${server.port}/v1/models`);
    expect(local.status).toBe(200);
    if (external) {
      await expect(fetch(`http://${external.address}:${server.port}/v1/models`)).rejects.toThrow();
    }
  });
});
