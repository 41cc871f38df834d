import { httpResource, type HttpResourceRef } from '@angular/common/http';
import { inject } from '@angular/core';
import type {
  AnalyticsPanel,
  AnalyticsPanelResponse,
  AnalyticsResource,
} from '@oracle-ai/shared/util-api-contract';
import { ApiClient } from '@oracle-ai/web/data-access-auth';

/** One panel of one database over a span of time (unix seconds). */
export interface PanelQuery {
  database: string;
  panel: AnalyticsPanel;
  from: number;
  to: number;
}

/**
 * `GET /api/analytics`: the databases the caller may see. Call it in an injection context (a
 * field initializer); it goes through the auth interceptors like every API call.
 */
export function analyticsDatabasesResource(): HttpResourceRef<AnalyticsResource | undefined> {
  const api = inject(ApiClient);
  return httpResource<AnalyticsResource>(() => api.url('/api/analytics'));
}

/**
 * `GET /api/analytics/databases/:db/panels/:panel?from&to`, asked again whenever `query` changes;
 * nothing is asked while it is undefined. The database name is sent as a path segment, encoded.
 */
export function analyticsPanelResource(
  query: () => PanelQuery | undefined,
): HttpResourceRef<AnalyticsPanelResponse | undefined> {
  const api = inject(ApiClient);
  return httpResource<AnalyticsPanelResponse>(() => {
    const current = query();
    if (current === undefined) return undefined;
    const { database, panel, from, to } = current;
    return {
      url: api.url(`/api/analytics/databases/${encodeURIComponent(database)}/panels/${panel}`),
      params: { from: String(from), to: String(to) },
    };
  });
}
