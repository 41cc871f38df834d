import type { FastifyPluginAsync } from 'fastify';
import type { HealthResponse } from '@oracle-ai/shared/util-api-contract';

export interface HealthRoutesOptions {
  /** Whether signing keys are loaded (readiness). */
  signingKeysReady: () => boolean;
}

/**
 * Liveness and readiness: public, never touch the IdP. Readiness fails from the moment the app
 * starts closing, so a load balancer stops sending work while in-flight requests drain.
 */
export const healthRoutes: FastifyPluginAsync<HealthRoutesOptions> = async (app, options) => {
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });

  app.get(
    '/healthz',
    {
      config: { auth: { public: true } },
      schema: {
        summary: 'Liveness: the process answers',
        tags: ['health'],
        response: { 200: { description: 'Alive', ...HEALTH_SCHEMA } },
      },
    },
    async (): Promise<HealthResponse> => ({ status: 'ok' }),
  );

  app.get(
    '/readyz',
    {
      config: { auth: { public: true } },
      schema: {
        summary: 'Readiness: signing keys are available',
        tags: ['health'],
        response: {
          200: { description: 'Ready to verify tokens', ...HEALTH_SCHEMA },
          503: {
            description: 'No usable signing key yet (or shutting down): keep traffic away',
            headers: {
              'Retry-After': { type: 'integer', description: 'Seconds before asking again' },
            },
            ...HEALTH_SCHEMA,
          },
        },
      },
    },
    async (_request, reply): Promise<HealthResponse> => {
      const signingKeys = options.signingKeysReady() ? 'available' : 'unavailable';
      if (closing) {
        reply.code(503);
        return { status: 'unavailable', signingKeys, shuttingDown: true };
      }
      if (signingKeys === 'available') return { status: 'ok', signingKeys };
      reply.code(503).header('retry-after', '5');
      return { status: 'unavailable', signingKeys };
    },
  );
};

const HEALTH_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['status'],
  properties: {
    status: { type: 'string', enum: ['ok', 'unavailable'] },
    signingKeys: { type: 'string', enum: ['available', 'unavailable'] },
    shuttingDown: { type: 'boolean', description: 'Present while the instance drains' },
  },
} as const;
