import type { FastifyPluginAsync } from 'fastify';
import type { AnalyticsEvidence } from '@oracle-ai/shared/util-api-contract';
import type { AnalyticsContext } from '../analytics-context';
import { EVIDENCE_ROUTE_SCHEMA } from './evidence-schemas';
import { buildEvidence } from './build-evidence';

/**
 * `GET /analytics/databases/:db/evidence?from&to`: the figures an explanation of that window
 * gives the assistant, for every caller who may see the database (no chat group needed: it is
 * figures, not an answer).
 */
export const evidenceRoute: FastifyPluginAsync<{ context: AnalyticsContext }> = async (
  app,
  { context },
) => {
  app.get<{ Params: { db: string }; Querystring: Record<string, unknown> }>(
    '/analytics/databases/:db/evidence',
    {
      config: { auth: { groups: [] } },
      schema: EVIDENCE_ROUTE_SCHEMA,
      // Checked by parseExplanationWindow, whose refusals name the parameter; documented above.
      validatorCompiler: () => () => true,
    },
    async (request): Promise<AnalyticsEvidence> =>
      buildEvidence(context, request, request.params.db, { ...request.query }),
  );
};
