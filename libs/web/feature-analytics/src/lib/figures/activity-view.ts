import type { AnalyticsPanelResponse } from '@oracle-ai/shared/util-api-contract';
import { formatValue } from '@oracle-ai/web/ui-time-series-chart';
import { NO_FIGURES, type ChartView } from './chart-view';
import { statisticsOf } from './series-statistics';

const STATISTICS: Readonly<Record<string, { label: string; noun: string; color: string }>> = {
  execute_count: { label: 'Executes', noun: 'executes', color: '#0b57d0' },
  parse_count_total: { label: 'Parses', noun: 'parses', color: '#7b1fa2' },
  user_commits: { label: 'Commits', noun: 'commits', color: '#2e9e44' },
  user_rollbacks: { label: 'Rollbacks', noun: 'rollbacks', color: '#d32f2f' },
};

/** Executes, parses, commits and rollbacks per second, as lines. */
export function activityView(activity: AnalyticsPanelResponse): ChartView {
  const known = activity.series.map((series) => ({
    series,
    look: Object.hasOwn(STATISTICS, series.name)
      ? STATISTICS[series.name]
      : { label: series.name, noun: series.name, color: '#9e9e9e' },
  }));
  const averages = known
    .map(({ series, look }) => ({ look, average: statisticsOf(series.points)?.average }))
    .filter(
      (entry): entry is { look: (typeof known)[number]['look']; average: number } =>
        entry.average !== undefined,
    )
    .map(({ look, average }) => `${formatValue(average)} ${look.noun}`);
  return {
    label: 'Activity per second',
    unitLabel: 'Per second',
    series: known.map(({ series, look }) => ({
      label: look.label,
      color: look.color,
      kind: 'line' as const,
      points: series.points,
    })),
    summary: averages.length === 0 ? NO_FIGURES : `On average ${listed(averages)} per second.`,
  };
}

/** "a, b and c" */
export function listed(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
