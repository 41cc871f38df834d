import type { AnalyticsSeries } from '@oracle-ai/shared/util-api-contract';

/** Figures of one series over the range: its mean, its highest point and when, its last value. */
export interface SeriesStatistics {
  average: number;
  peak: number;
  peakAt: number;
  last: number;
}

export function statisticsOf(points: AnalyticsSeries['points']): SeriesStatistics | undefined {
  if (points.length === 0) return undefined;
  let sum = 0;
  let [peakAt, peak] = points[0];
  for (const [time, value] of points) {
    sum += value;
    if (value > peak) [peakAt, peak] = [time, value];
  }
  return { average: sum / points.length, peak, peakAt, last: points[points.length - 1][1] };
}

/** The sum of several series at each instant any of them has a point. */
export function sumOf(series: readonly AnalyticsSeries[]): AnalyticsSeries['points'] {
  const totals = new Map<number, number>();
  for (const { points } of series)
    for (const [time, value] of points) totals.set(time, (totals.get(time) ?? 0) + value);
  return [...totals].sort(([a], [b]) => a - b);
}
