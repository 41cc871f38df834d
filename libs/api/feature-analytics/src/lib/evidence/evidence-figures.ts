import type { AnalyticsSeries } from '@oracle-ai/shared/util-api-contract';
import type { FiguresSource } from '../figures-source';
import { PANELS, type RankedPanel } from '../panel-catalogue';
import { readPanel } from '../panel-reader';
import { selector } from '../promql';
import type { TimeRange } from '../time-range';
import type { ExplanationWindow } from './explanation-window';

/** Mean, highest point and when, over a window; undefined where the source had no point. */
export interface Figures {
  average: number;
  peak: number;
  peakAt: number;
}

/** One series over the window and the same window a week earlier. */
export interface ComparedFigures {
  name: string;
  window: Figures | undefined;
  weekEarlier: Figures | undefined;
}

/** Everything an explanation cites: read from the source with the catalogue's own queries. */
export interface EvidenceFigures {
  database: string;
  window: ExplanationWindow;
  /** Average active sessions: `cpu` (DB CPU) and each wait class, and their `total`. */
  aas: ComparedFigures[];
  dbTime: ComparedFigures | undefined;
  dbCpu: ComparedFigures | undefined;
  /** The most CPUs seen in the window, over every instance. */
  cpus: number | undefined;
  /** Seconds of the window during which AAS was above the CPU count. */
  secondsAboveCpus: number | undefined;
  /** The window's top statements by elapsed time (s/s), and the same `sql_id`s a week earlier. */
  topSql: ComparedFigures[];
  /** Spans of the window during which the exporter did not report the database up. */
  gaps: { from: number; to: number }[];
}

/**
 * Reads the evidence of one database over a window: the AAS and DB time panels for the window
 * and a week earlier, the top-SQL panel for the window and its `sql_id`s a week earlier, and
 * `oracledb_up` for the window — every query the catalogue's, the database as the source lists it.
 */
export async function readEvidence(
  source: FiguresSource,
  database: string,
  window: ExplanationWindow,
): Promise<EvidenceFigures> {
  const { range, comparison } = window;
  const topSqlPanel = PANELS['top-sql'] as RankedPanel;
  const [aas, aasBefore, dbTime, dbTimeBefore, topSql, up] = await Promise.all([
    readPanel(source, PANELS['aas-by-wait-class'], database, range),
    readPanel(source, PANELS['aas-by-wait-class'], database, comparison),
    readPanel(source, PANELS['db-time'], database, range),
    readPanel(source, PANELS['db-time'], database, comparison),
    readPanel(source, topSqlPanel, database, range),
    source.range(`max(${selector('oracledb_up', { database })})`, rangeParams(range)),
  ]);
  const topSqlBefore =
    topSql.length === 0
      ? []
      : await source.range(
          topSqlPanel.query(
            database,
            topSql.map((series) => series.name),
            comparison.window,
          ),
          rangeParams(comparison),
        );
  const named = (series: readonly AnalyticsSeries[], name: string) =>
    series.find((each) => each.name === name)?.points ?? [];
  const dbCpu = named(dbTime, 'db_cpu');
  const classes = aas.filter((series) => series.points.length > 0);
  const stacked = [dbCpu, ...classes.map((series) => series.points)];
  const total = sumOf(stacked);
  const cpus = figuresOf(named(dbTime, 'cpu_count'))?.peak;
  return {
    database,
    window,
    aas: [
      compared(
        'total',
        total,
        sumOf([named(dbTimeBefore, 'db_cpu'), ...aasBefore.map((s) => s.points)]),
      ),
      compared('cpu', dbCpu, named(dbTimeBefore, 'db_cpu')),
      ...classes.map((series) =>
        compared(series.name, series.points, named(aasBefore, series.name)),
      ),
    ],
    dbTime: compared('db_time', named(dbTime, 'db_time'), named(dbTimeBefore, 'db_time')),
    dbCpu: compared('db_cpu', dbCpu, named(dbTimeBefore, 'db_cpu')),
    cpus,
    secondsAboveCpus:
      cpus === undefined
        ? undefined
        : total.filter(([, value]) => value > cpus).length * range.step,
    topSql: topSql.map((series) =>
      compared(
        series.name,
        series.points,
        finitePoints(
          topSqlBefore.find(({ labels }) => labels[topSqlPanel.label] === series.name)?.samples ??
            [],
        ),
      ),
    ),
    gaps: gapsOf(finitePoints(up[0]?.samples ?? []), range),
  };
}

function compared(
  name: string,
  window: AnalyticsSeries['points'],
  weekEarlier: AnalyticsSeries['points'],
): ComparedFigures {
  return { name, window: figuresOf(window), weekEarlier: figuresOf(weekEarlier) };
}

export function figuresOf(points: AnalyticsSeries['points']): Figures | undefined {
  if (points.length === 0) return undefined;
  let sum = 0;
  let [peakAt, peak] = points[0];
  for (const [time, value] of points) {
    sum += value;
    if (value > peak) [peakAt, peak] = [time, value];
  }
  return { average: sum / points.length, peak, peakAt };
}

/** The sum of several series at each instant any of them has a point. */
function sumOf(series: readonly AnalyticsSeries['points'][]): AnalyticsSeries['points'] {
  const totals = new Map<number, number>();
  for (const points of series)
    for (const [time, value] of points) totals.set(time, (totals.get(time) ?? 0) + value);
  return [...totals].sort(([a], [b]) => a - b);
}

function finitePoints(samples: readonly (readonly [number, number])[]): AnalyticsSeries['points'] {
  return samples
    .filter(([, value]) => Number.isFinite(value))
    .map(([time, value]) => [time, value]);
}

/**
 * Where the exporter did not report the database up: steps with `oracledb_up` 0 or no sample
 * at all, each counted as a whole step, merged into spans.
 */
export function gapsOf(
  up: AnalyticsSeries['points'],
  range: TimeRange,
): { from: number; to: number }[] {
  const upAt = new Map(up.map(([time, value]) => [time, value === 1]));
  const gaps: { from: number; to: number }[] = [];
  for (let time = range.from; time <= range.to; time += range.step) {
    if (upAt.get(time) === true) continue;
    const last = gaps.at(-1);
    if (last !== undefined && last.to === time) last.to = time + range.step;
    else gaps.push({ from: time, to: time + range.step });
  }
  return gaps;
}

function rangeParams(range: TimeRange) {
  return { start: range.from, end: range.to, step: range.step };
}
