import { validate } from '@readme/openapi-parser';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { API_ERROR_CODES } from '@oracle-ai/shared/util-api-contract';
import {
  generateOpenApiDocument,
  OPENAPI_DOCUMENT_PATH,
  serializeOpenApiDocument,
} from './openapi-document';

const WORKSPACE_ROOT = resolve(__dirname, '../../../..');

describe('the OpenAPI document', () => {
  let document: Record<string, unknown>;

  beforeAll(async () => {
    document = await generateOpenApiDocument();
  });

  it('matches the committed docs/openapi.json (run `npm run openapi` after changing a route)', () => {
    const committed = readFileSync(resolve(WORKSPACE_ROOT, OPENAPI_DOCUMENT_PATH), 'utf8');
    expect(committed).toBe(serializeOpenApiDocument(document));
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await validate(structuredClone(document) as never);
    expect(result).toMatchObject({ valid: true });
    expect(document['openapi']).toBe('3.1.0');
  });

  it('documents every route, the API routes behind the Bearer or the DPoP scheme', () => {
    const paths = document['paths'] as Record<string, Record<string, { security?: unknown }>>;
    expect(Object.keys(paths).sort()).toEqual([
      '/.well-known/oauth-protected-resource',
      '/api/analytics',
      '/api/analytics/databases/{db}/evidence',
      '/api/analytics/databases/{db}/explanations',
      '/api/analytics/databases/{db}/panels/{panel}',
      '/api/chat',
      '/api/chat/completions',
      '/api/me',
      '/healthz',
      '/openapi.json',
      '/readyz',
    ]);
    for (const [path, operations] of Object.entries(paths)) {
      const method =
        path === '/api/chat/completions' || path.endsWith('/explanations') ? 'post' : 'get';
      expect([path, Object.keys(operations)]).toEqual([path, [method]]);
      expect([path, operations[method].security]).toEqual([
        path,
        path.startsWith('/api/') ? [{ bearer: [] }, { dpop: [] }] : undefined,
      ]);
    }
  });

  it('names every error code of the contract, each under its own status', () => {
    const text = JSON.stringify(document);
    for (const code of API_ERROR_CODES)
      expect([code, text.includes(`"${code}"`)]).toEqual([code, true]);
    const meResponses = (document['paths'] as never)['/api/me']['get']['responses'];
    expect(Object.keys(meResponses).sort()).toEqual(['200', '400', '401', '403', '500', '503']);
  });

  it('documents the assistant: a JSON body, its answer as JSON or an event stream, every refusal', () => {
    interface Operation {
      requestBody: { content: Record<string, unknown> };
      responses: Record<
        string,
        {
          headers: Record<string, unknown>;
          content: Record<string, { schema: { properties: { code: { enum: string[] } } } }>;
        }
      >;
    }
    const paths = document['paths'] as Record<string, Record<string, Operation>>;
    const operation = paths['/api/chat/completions']['post'];
    expect(Object.keys(operation.requestBody.content)).toEqual(['application/json']);
    expect(Object.keys(operation.responses['200'].content)).toEqual([
      'application/json',
      'text/event-stream',
    ]);
    expect(Object.keys(operation.responses).sort()).toEqual([
      '200',
      '400',
      '401',
      '403',
      '413',
      '415',
      '429',
      '500',
      '503',
      '504',
    ]);
    const codesAt = (status: string): string[] =>
      operation.responses[status].content['application/json'].schema.properties.code.enum;
    expect(codesAt('415')).toEqual(['invalid_request']);
    expect(codesAt('503')).toContain('assistant_unavailable');
    expect(Object.keys(operation.responses['429'].headers)).toContain('Retry-After');
  });
});
