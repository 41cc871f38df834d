import type { AnalyticsPanelResponse } from '@oracle-ai/shared/util-api-contract';
import { formatValue } from '@oracle-ai/web/ui-time-series-chart';
import { statisticsOf } from './series-statistics';

export interface TopSqlRow {
  sqlId: string;
  /** Elapsed seconds per second, the mean over the range. */
  average: number;
  /** The most in one step, and when. */
  peak: number;
  peakAt: number;
}

/** The statements with the most elapsed time over the range, in the API's order (most first). */
export function topSqlView(topSql: AnalyticsPanelResponse): { rows: TopSqlRow[]; summary: string } {
  const rows = topSql.series.flatMap((series) => {
    const figures = statisticsOf(series.points);
    return figures === undefined
      ? []
      : [
          {
            sqlId: series.name,
            average: figures.average,
            peak: figures.peak,
            peakAt: figures.peakAt,
          },
        ];
  });
  const first = rows[0];
  return {
    rows,
    summary:
      first === undefined
        ? 'No statement reported elapsed time in this range.'
        : `Most elapsed time: ${first.sqlId}, ${formatValue(first.average)} s per second on average over the range.`,
  };
}
