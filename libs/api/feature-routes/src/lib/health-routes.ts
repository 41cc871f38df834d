import type { FastifyPluginAsync } from 'fastify';
import type { HealthResponse } from '@oracle-ai/shared/util-api-contract';

export interface HealthRoutesOptions {
  /** Whether signing keys are loaded (readiness). */
  signingKeysReady: () => boolean;
}

/** Liveness and readiness: public, never touch the IdP. */
export const healthRoutes: FastifyPluginAsync<HealthRoutesOptions> = async (app, options) => {
  app.get(
    '/healthz',
    { config: { auth: { public: true } } },
    async (): Promise<HealthResponse> => ({ status: 'ok' }),
  );

  app.get(
    '/readyz',
    { config: { auth: { public: true } } },
    async (_request, reply): Promise<HealthResponse> => {
      if (options.signingKeysReady()) return { status: 'ok', signingKeys: 'available' };
      reply.code(503).header('retry-after', '5');
      return { status: 'unavailable', signingKeys: 'unavailable' };
    },
  );
};
