import type { AnalyticsPanelResponse } from '@oracle-ai/shared/util-api-contract';
import { formatValue } from '@oracle-ai/web/ui-time-series-chart';
import { NO_FIGURES } from './chart-view';
import { statisticsOf } from './series-statistics';

export interface TablespaceRow {
  name: string;
  /** Percent used at the last point of the range. */
  last: number;
  /** The most used during the range, percent. */
  peak: number;
}

/** Tablespaces, fullest first at the end of the range. */
export function tablespacesView(tablespaces: AnalyticsPanelResponse): {
  rows: TablespaceRow[];
  summary: string;
} {
  const rows = tablespaces.series
    .map((series) => ({ name: series.name, figures: statisticsOf(series.points) }))
    .filter((row) => row.figures !== undefined)
    .map(({ name, figures }) => ({
      name,
      last: figures?.last ?? 0,
      peak: figures?.peak ?? 0,
    }))
    .sort((a, b) => b.last - a.last || (a.name < b.name ? -1 : 1));
  const fullest = rows[0];
  return {
    rows,
    summary:
      fullest === undefined
        ? NO_FIGURES
        : `Fullest at the end of the range: ${fullest.name}, ${formatValue(fullest.last)} % used (at most ${formatValue(fullest.peak)} % in the range).`,
  };
}
