import type { AnalyticsPanelResponse, AnalyticsSeries } from '@oracle-ai/shared/util-api-contract';
import { formatTime, formatValue } from '@oracle-ai/web/ui-time-series-chart';
import { NO_FIGURES, type ChartView } from './chart-view';
import { statisticsOf, sumOf } from './series-statistics';
import { CPU, waitClassLook, waitClassRank } from './wait-classes';

const CPUS = { label: 'CPUs', color: '#1b1b1f' } as const;

/**
 * Average active sessions stacked by what they were doing — DB CPU (the `db-time` panel's
 * `db_cpu`) at the bottom, then each wait class that had any — so that the top of the stack is DB
 * time, with the CPU count as a line to read it against. A class that was zero throughout is left
 * out of the stack and the key.
 */
export function aasView(aas: AnalyticsPanelResponse, dbTime: AnalyticsPanelResponse): ChartView {
  const cpu = dbTime.series.find((series) => series.name === 'db_cpu');
  const cpuCount = dbTime.series.find((series) => series.name === 'cpu_count');
  const classes = aas.series
    .filter((series) => series.points.some(([, value]) => value !== 0))
    .sort((a, b) => waitClassRank(a.name) - waitClassRank(b.name));
  return {
    label: 'Average active sessions by wait class',
    unitLabel: 'Average active sessions',
    series: [
      ...(cpu === undefined ? [] : [{ ...CPU, kind: 'area' as const, points: cpu.points }]),
      ...classes.map((series) => ({
        ...waitClassLook(series.name),
        kind: 'area' as const,
        points: series.points,
      })),
      ...(cpuCount === undefined
        ? []
        : [{ ...CPUS, kind: 'line' as const, dashed: true, points: cpuCount.points }]),
    ],
    summary: aasSummary(classes, cpu, cpuCount, aas.to - aas.from),
  };
}

function aasSummary(
  classes: readonly AnalyticsSeries[],
  cpu: AnalyticsSeries | undefined,
  cpuCount: AnalyticsSeries | undefined,
  spanS: number,
): string {
  const total = statisticsOf(sumOf(cpu === undefined ? classes : [cpu, ...classes]));
  if (total === undefined) return NO_FIGURES;
  const cpus = statisticsOf(cpuCount?.points ?? [])?.peak;
  const against =
    cpus === undefined
      ? ''
      : total.peak > cpus
        ? `, above the ${formatValue(cpus)} CPUs`
        : `, within the ${formatValue(cpus)} CPUs`;
  const sentences = [
    `Peak ${formatValue(total.peak)} average active sessions at ${formatTime(total.peakAt, spanS)}${against}.`,
  ];
  const top = classes
    .map((series) => ({ name: series.name, average: statisticsOf(series.points)?.average ?? 0 }))
    .sort((a, b) => b.average - a.average)[0];
  if (top !== undefined) {
    const cpuAverage = statisticsOf(cpu?.points ?? [])?.average;
    sentences.push(
      `Largest wait class: ${waitClassLook(top.name).label}, ${formatValue(top.average)} on average` +
        (cpuAverage === undefined ? '.' : ` (CPU ${formatValue(cpuAverage)}).`),
    );
  }
  return sentences.join(' ');
}
