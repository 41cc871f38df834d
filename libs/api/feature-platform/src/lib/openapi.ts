import swagger from '@fastify/swagger';
import fp from 'fastify-plugin';
import { apiDocsHeaders } from './api-docs-headers';
import { errorResponseObject } from './error-schemas';
import { REQUEST_ID_HEADER } from './request-id';

export interface OpenApiOptions {
  info: { title: string; version: string; description: string };
  /** The API's public base URL: the document's one server. */
  publicUrl: string;
  /** Named security schemes routes refer to in their `schema.security`. */
  securitySchemes: Record<string, object>;
  /** Serve Swagger UI at `/docs` (development). */
  ui: boolean;
}

/**
 * The API's OpenAPI 3.1 document, generated from the routes' own schemas (register before any
 * route), served at `GET /openapi.json`, and Swagger UI at `/docs` when asked (a development aid:
 * it needs `@fastify/swagger-ui` from node_modules, which the production bundle leaves out).
 * Register it before the route-policy guard: the UI's routes are public and declare no policy.
 */
export const openApi = fp<OpenApiOptions>(
  async (app, options) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: options.info,
        servers: [{ url: options.publicUrl }],
        components: {
          securitySchemes: options.securitySchemes as never,
          // Any path the API does not have: no route can declare it.
          responses: { NotFound: errorResponseObject('not_found') as never },
          headers: {
            RequestId: {
              description:
                'The request id: a safe incoming `X-Request-Id` (≤ 128 of `A-Za-z0-9._:-`) is kept, else one is made',
              schema: { type: 'string' },
            },
          },
        },
      },
      transformObject: (document) =>
        withRequestIdHeaders(
          ('openapiObject' in document ? document.openapiObject : {}) as Document,
        ) as never,
    });
    app.get(
      '/openapi.json',
      {
        config: { auth: { public: true } },
        schema: {
          summary: 'This document',
          tags: ['meta'],
          response: {
            200: {
              description: 'The OpenAPI 3.1 document',
              type: 'object',
              additionalProperties: true,
            },
          },
        },
      },
      async () => app.swagger(),
    );
    if (options.ui) {
      // Loaded only when asked: the UI's static files stay in node_modules, outside the bundle.
      const { default: swaggerUi } = await import('@fastify/swagger-ui');
      const headers = apiDocsHeaders(options.publicUrl);
      // A context of its own, so that the headers reach every route of the UI (its static files
      // too) and no other route.
      await app.register(async (docs) => {
        docs.addHook('onRequest', async (_request, reply) => {
          reply.headers(headers);
        });
        await docs.register(swaggerUi, { routePrefix: '/docs' });
      });
    }
  },
  { fastify: '5.x', name: 'oracle-ai-openapi' },
);

interface Document {
  paths?: Record<string, Record<string, { responses?: Record<string, { headers?: object }> }>>;
}

/** Every response carries `X-Request-Id`: said once here rather than in every route's schema. */
function withRequestIdHeaders(document: Document): Document {
  for (const operations of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      for (const response of Object.values(operation.responses ?? {})) {
        response.headers = {
          [toHeaderName(REQUEST_ID_HEADER)]: { $ref: '#/components/headers/RequestId' },
          ...response.headers,
        };
      }
    }
  }
  return document;
}

function toHeaderName(lowerCase: string): string {
  return lowerCase.replace(
    /(^|-)([a-z])/g,
    (_match, dash: string, letter: string) => dash + letter.toUpperCase(),
  );
}
