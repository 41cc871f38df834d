import type {
  AnalyticsPanel,
  AnalyticsPanelResponse,
  AnalyticsSeries,
  AnalyticsUnit,
} from '@oracle-ai/shared/util-api-contract';

/** 2026-12-06 10:00 UTC. */
export const T0 = Date.UTC(2026, 11, 6, 10, 0) / 1000;

/** A panel answer over the hour from T0, its series given as value lists one minute apart. */
export function panelOf(
  panel: AnalyticsPanel,
  unit: AnalyticsUnit,
  series: Record<string, number[]>,
): AnalyticsPanelResponse {
  return {
    database: 'finprod',
    panel,
    from: T0,
    to: T0 + 3600,
    step: 60,
    unit,
    series: Object.entries(series).map(
      ([name, values]): AnalyticsSeries => ({
        name,
        points: values.map((value, i) => [T0 + i * 60, value]),
      }),
    ),
  };
}
