import type { AnalyticsPanelResponse } from '@oracle-ai/shared/util-api-contract';
import { formatTime, formatValue } from '@oracle-ai/web/ui-time-series-chart';
import { NO_FIGURES, type ChartView } from './chart-view';
import { statisticsOf, sumOf } from './series-statistics';

const LOOKS: Readonly<Record<string, { label: string; color: string; rank: number }>> = {
  'ACTIVE USER': { label: 'Active user', color: '#0b57d0', rank: 0 },
  'ACTIVE BACKGROUND': { label: 'Active background', color: '#7fa6e8', rank: 1 },
  'INACTIVE USER': { label: 'Inactive user', color: '#c4c7d0', rank: 2 },
};

/** Sessions by status and type, stacked: the top of the stack is every session counted. */
export function sessionsView(sessions: AnalyticsPanelResponse): ChartView {
  const look = (name: string) =>
    Object.hasOwn(LOOKS, name) ? LOOKS[name] : { label: name, color: '#9e9e9e', rank: 3 };
  const ordered = [...sessions.series].sort(
    (a, b) => look(a.name).rank - look(b.name).rank || (a.name < b.name ? -1 : 1),
  );
  return {
    label: 'Sessions by status and type',
    unitLabel: 'Sessions',
    series: ordered.map((series) => ({
      label: look(series.name).label,
      color: look(series.name).color,
      kind: 'area' as const,
      points: series.points,
    })),
    summary: summary(sessions),
  };
}

function summary(sessions: AnalyticsPanelResponse): string {
  const total = statisticsOf(sumOf(sessions.series));
  if (total === undefined) return NO_FIGURES;
  const activeUser = statisticsOf(
    sessions.series.find((series) => series.name === 'ACTIVE USER')?.points ?? [],
  );
  const sentence = `${formatValue(total.average)} sessions on average`;
  if (activeUser === undefined) return `${sentence}.`;
  return (
    `${sentence}, ${formatValue(activeUser.average)} of them active user sessions; ` +
    `at most ${formatValue(activeUser.peak)} active at ${formatTime(activeUser.peakAt, sessions.to - sessions.from)}.`
  );
}
