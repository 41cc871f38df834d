import Fastify from 'fastify';
import { errorResponseSchemas } from './error-schemas';
import { openApi } from './openapi';

describe('openApi', () => {
  async function appWith(ui: boolean) {
    const app = Fastify();
    await app.register(openApi, {
      info: { title: 'T', version: '1', description: 'd' },
      publicUrl: 'https://api.example.com',
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      ui,
    });
    app.get(
      '/thing',
      {
        schema: {
          security: [{ bearer: [] }],
          response: {
            200: { description: 'A thing', type: 'object', properties: { a: { type: 'string' } } },
            ...errorResponseSchemas(['missing_token', 'idp_unavailable']),
          },
        },
      },
      async () => ({ a: 'x' }),
    );
    await app.ready();
    return app;
  }

  it('serves an OpenAPI 3.1 document of the routes registered after it', async () => {
    const app = await appWith(false);
    const document = (await app.inject('/openapi.json')).json();
    expect(document).toMatchObject({
      openapi: '3.1.0',
      servers: [{ url: 'https://api.example.com' }],
      components: { securitySchemes: { bearer: { scheme: 'bearer' } } },
    });
    const responses = document.paths['/thing'].get.responses;
    expect(Object.keys(responses)).toEqual(['200', '401', '503']);
    expect(responses['401'].content['application/json'].schema.properties.code.enum).toEqual([
      'missing_token',
    ]);
    // Every response says it carries the request id; errors their challenge or Retry-After.
    expect(Object.keys(responses['200'].headers)).toEqual(['X-Request-Id']);
    expect(Object.keys(responses['401'].headers)).toEqual(['X-Request-Id', 'WWW-Authenticate']);
    expect(Object.keys(responses['503'].headers)).toEqual(['X-Request-Id', 'Retry-After']);
    expect(document.components.responses.NotFound.description).toBe('No such route');
    expect((await app.inject('/docs/')).statusCode).toBe(404);
    await app.close();
  });

  it('documents a code at another of its statuses, and refuses a status the code never has', async () => {
    const schemas = errorResponseSchemas([
      'invalid_request',
      { code: 'invalid_request', status: 415 },
      'rate_limited',
    ]) as Record<number, { headers?: object; properties: { code: { enum: string[] } } }>;
    expect(Object.keys(schemas)).toEqual(['400', '415', '429']);
    expect(schemas[415].properties.code.enum).toEqual(['invalid_request']);
    expect(Object.keys(schemas[429].headers ?? {})).toEqual(['Retry-After']);
    expect(() => errorResponseSchemas([{ code: 'rate_limited', status: 503 }])).toThrow(
      'rate_limited is never sent with status 503',
    );
  });

  it('serves Swagger UI at /docs when asked', async () => {
    const app = await appWith(true);
    const ui = await app.inject('/docs/');
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
    await app.close();
  });

  it('sends every response of the UI with its policy, and no other route', async () => {
    const app = await appWith(true);
    for (const path of ['/docs', '/docs/static/swagger-ui.css', '/docs/json']) {
      const { headers } = await app.inject(path);
      expect(headers['content-security-policy']).toContain(
        "script-src 'self'; style-src 'self' 'sha256-",
      );
      expect(headers['content-security-policy']).toContain(
        "connect-src 'self' https://api.example.com;",
      );
      expect(headers).toMatchObject({
        'x-frame-options': 'DENY',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      });
    }
    for (const path of ['/openapi.json', '/thing']) {
      expect((await app.inject(path)).headers['content-security-policy']).toBeUndefined();
    }
    await app.close();
  });
});
