import type { AnalyticsPanelResponse } from '@oracle-ai/shared/util-api-contract';
import { formatTime, formatValue } from '@oracle-ai/web/ui-time-series-chart';
import { NO_FIGURES, type ChartView } from './chart-view';
import { statisticsOf } from './series-statistics';
import { CPU } from './wait-classes';

/** DB time against DB CPU, and the CPUs they run on (one CPU is one CPU second per second). */
export function dbTimeView(dbTime: AnalyticsPanelResponse): ChartView {
  const named = (name: string) => dbTime.series.find((series) => series.name === name)?.points;
  const dbCpu = named('db_cpu');
  const total = named('db_time');
  const cpuCount = named('cpu_count');
  return {
    label: 'DB time and DB CPU against the CPUs',
    unitLabel: 'Seconds per second',
    series: [
      ...(dbCpu
        ? [{ label: 'DB CPU', color: CPU.color, kind: 'area' as const, points: dbCpu }]
        : []),
      ...(total
        ? [{ label: 'DB time', color: '#0b57d0', kind: 'line' as const, points: total }]
        : []),
      ...(cpuCount
        ? [
            {
              label: 'CPUs',
              color: '#1b1b1f',
              kind: 'line' as const,
              dashed: true,
              points: cpuCount,
            },
          ]
        : []),
    ],
    summary: summary(total, dbCpu, cpuCount, dbTime.to - dbTime.from),
  };
}

function summary(
  total: [number, number][] | undefined,
  dbCpu: [number, number][] | undefined,
  cpuCount: [number, number][] | undefined,
  spanS: number,
): string {
  const time = statisticsOf(total ?? []);
  const cpu = statisticsOf(dbCpu ?? []);
  const cpus = statisticsOf(cpuCount ?? [])?.peak;
  if (time === undefined && cpu === undefined) return NO_FIGURES;
  const sentences: string[] = [];
  if (time !== undefined) {
    sentences.push(
      `DB time ${formatValue(time.average)} s/s on average, at most ${formatValue(time.peak)} at ${formatTime(time.peakAt, spanS)}.`,
    );
  }
  if (cpu !== undefined) {
    const share =
      cpus === undefined || cpus === 0
        ? ''
        : `, ${Math.round((100 * cpu.average) / cpus)} % of the ${formatValue(cpus)} CPUs`;
    sentences.push(`DB CPU ${formatValue(cpu.average)} s/s on average${share}.`);
  }
  return sentences.join(' ');
}
