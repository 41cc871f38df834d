import type { FastifyPluginAsync } from 'fastify';
import type { AssistantRelay } from '@oracle-ai/api/feature-assistant';
import type { AnalyticsConfig } from '@oracle-ai/api/util-config';
import {
  ANALYTICS_PANELS,
  type AnalyticsPanel,
  type AnalyticsPanelResponse,
  type AnalyticsResource,
} from '@oracle-ai/shared/util-api-contract';
import { invalidRequest, noSuchPanel } from './analytics-errors';
import { AnalyticsContext, authenticated } from './analytics-context';
import { DATABASES_ROUTE_SCHEMA, PANEL_ROUTE_SCHEMA } from './analytics-schemas';
import { evidenceRoute } from './evidence/evidence-route';
import { explanationRoute } from './evidence/explanation-route';
import { panelNamed } from './panel-catalogue';
import { readPanel } from './panel-reader';
import { parseTimeRange, TimeRangeError } from './time-range';

export interface AnalyticsRoutesOptions {
  config: AnalyticsConfig;
  /** Unix seconds (tests). */
  now?: () => number;
  /** `POST …/:db/explanations`, answered by the assistant; without it the route does not exist. */
  explanations?: { relay: AssistantRelay; chatGroups: readonly string[] };
}

/**
 * `GET /analytics`, `GET /analytics/databases/:db/panels/:panel`, `GET …/:db/evidence` and
 * `POST …/:db/explanations` (the assistant explains a window), registered
 * behind `bearerAuth` (which has checked the token and the required group). Every figure is read
 * from the configured Prometheus-compatible source with the catalogue's queries; a client's text
 * never becomes PromQL: the panel must be in the catalogue and the database among those the
 * source lists (and the caller may see) before any query names it.
 */
export const analyticsRoutes: FastifyPluginAsync<AnalyticsRoutesOptions> = async (app, options) => {
  const context = new AnalyticsContext(options.config, options.now ?? (() => Date.now() / 1000));
  app.addHook('onClose', async () => context.close());

  app.get(
    '/analytics',
    { config: { auth: { groups: [] } }, schema: DATABASES_ROUTE_SCHEMA },
    async (request): Promise<AnalyticsResource> => {
      const user = authenticated(request);
      const { directory } = context.figures();
      const databases = await context.fromSource(request, () => directory.list());
      return {
        source: 'prometheus',
        simulated: context.simulated,
        databases: databases.filter(({ name }) => context.access.maySee(user.membership, name)),
      };
    },
  );

  app.get<{ Params: { db: string; panel: string }; Querystring: Record<string, unknown> }>(
    '/analytics/databases/:db/panels/:panel',
    {
      config: { auth: { groups: [] } },
      schema: PANEL_ROUTE_SCHEMA,
      // The handler checks its input itself, so that an unknown panel is a 404 like an unknown
      // database, and a bad time a 400 that names the parameter. The schema documents it.
      validatorCompiler: () => () => true,
    },
    async (request): Promise<AnalyticsPanelResponse> => {
      const { db, panel: panelName } = request.params;
      const panel = panelNamed(panelName);
      if (panel === undefined) throw noSuchPanel(ANALYTICS_PANELS);
      let range;
      try {
        range = parseTimeRange(request.query, context.now());
      } catch (error) {
        if (error instanceof TimeRangeError) throw invalidRequest(error.message);
        throw error;
      }
      const { source } = context.figures();
      const database = await context.visibleDatabase(request, db);
      const series = await context.fromSource(request, () =>
        readPanel(source, panel, database, range),
      );
      return {
        database,
        panel: panelName as AnalyticsPanel,
        from: range.from,
        to: range.to,
        step: range.step,
        unit: panel.unit,
        series,
      };
    },
  );

  await app.register(evidenceRoute, { context });
  if (options.explanations !== undefined) {
    await app.register(explanationRoute, { context, ...options.explanations });
  }
};
