import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { PrometheusClient, PrometheusError } from '@oracle-ai/api/data-access-prometheus';
import type { AuthenticatedUser } from '@oracle-ai/api/feature-auth';
import type { AnalyticsConfig } from '@oracle-ai/api/util-config';
import {
  ANALYTICS_PANELS,
  type AnalyticsPanel,
  type AnalyticsPanelResponse,
  type AnalyticsResource,
} from '@oracle-ai/shared/util-api-contract';
import {
  invalidRequest,
  noSource,
  noSuchDatabase,
  noSuchPanel,
  sourceFailure,
} from './analytics-errors';
import { DATABASES_ROUTE_SCHEMA, PANEL_ROUTE_SCHEMA } from './analytics-schemas';
import { DatabaseAccess } from './database-access';
import { DatabaseDirectory } from './database-directory';
import { FiguresSource } from './figures-source';
import { panelNamed } from './panel-catalogue';
import { readPanel } from './panel-reader';
import { parseTimeRange, TimeRangeError } from './time-range';

export interface AnalyticsRoutesOptions {
  config: AnalyticsConfig;
  /** Unix seconds (tests). */
  now?: () => number;
}

/**
 * `GET /analytics` and `GET /analytics/databases/:db/panels/:panel`, registered behind
 * `bearerAuth` (which has checked the token and the required group). Every figure is read from
 * the configured Prometheus-compatible source with the catalogue's queries; a client's text never
 * becomes PromQL: the panel must be in the catalogue and the database among those the source
 * lists (and the caller may see) before any query names it.
 */
export const analyticsRoutes: FastifyPluginAsync<AnalyticsRoutesOptions> = async (app, options) => {
  const { config } = options;
  const now = options.now ?? (() => Date.now() / 1000);
  const access = new DatabaseAccess(config.databaseGroups);
  const source =
    config.source === undefined
      ? undefined
      : new FiguresSource(
          new PrometheusClient({ ...config.source, timeoutMs: config.timeoutS * 1000 }),
        );
  const directory = source === undefined ? undefined : new DatabaseDirectory(source, now);
  app.addHook('onClose', async () => source?.close());

  /** The source's failures as the contract's refusals, logged with what the source said. */
  const fromSource = async <T>(request: FastifyRequest, read: () => Promise<T>): Promise<T> => {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof PrometheusError)) throw error;
      request.log.warn(
        { source: { code: error.code, ...error.detail } },
        `analytics: ${error.message}`,
      );
      throw sourceFailure(error, config.timeoutS);
    }
  };

  app.get(
    '/analytics',
    { config: { auth: { groups: [] } }, schema: DATABASES_ROUTE_SCHEMA },
    async (request): Promise<AnalyticsResource> => {
      const user = authenticated(request);
      if (directory === undefined) throw noSource();
      const databases = await fromSource(request, () => directory.list());
      return {
        source: 'prometheus',
        simulated: config.simulated,
        databases: databases.filter(({ name }) => access.maySee(user.membership, name)),
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
      const user = authenticated(request);
      const { db, panel: panelName } = request.params;
      const panel = panelNamed(panelName);
      if (panel === undefined) throw noSuchPanel(ANALYTICS_PANELS);
      let range;
      try {
        range = parseTimeRange(request.query, now());
      } catch (error) {
        if (error instanceof TimeRangeError) throw invalidRequest(error.message);
        throw error;
      }
      if (directory === undefined || source === undefined) throw noSource();
      const databases = await fromSource(request, () => directory.list());
      const database = databases.find(({ name }) => name === db);
      if (database === undefined || !access.maySee(user.membership, database.name))
        throw noSuchDatabase();
      const series = await fromSource(request, () =>
        readPanel(source, panel, database.name, range),
      );
      return {
        database: database.name,
        panel: panelName as AnalyticsPanel,
        from: range.from,
        to: range.to,
        step: range.step,
        unit: panel.unit,
        series,
      };
    },
  );
};

function authenticated(request: FastifyRequest): AuthenticatedUser {
  // bearerAuth runs first for every route of this context; a missing user is a wiring bug.
  if (request.user === null) throw new Error('route reached without an authenticated user');
  return request.user;
}
