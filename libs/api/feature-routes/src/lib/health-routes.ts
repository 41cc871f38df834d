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
    { config: { auth: { public: true } } },
    async (): Promise<HealthResponse> => ({ status: 'ok' }),
  );

  app.get(
    '/readyz',
    { config: { auth: { public: true } } },
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
