import type {
  InstantSeries,
  PrometheusClient,
  RangeParams,
  RangeSeries,
} from '@oracle-ai/api/data-access-prometheus';
import { FiguresSource } from '../figures-source';
import { PANELS, type RankedPanel, type SeriesPanel } from '../panel-catalogue';
import { readEvidence, gapsOf } from './evidence-figures';
import { parseExplanationWindow } from './explanation-window';

const T = Date.UTC(2026, 11, 6, 10, 20) / 1000;
const WEEK = 7 * 86400;
const window = parseExplanationWindow({ from: T, to: T + 60 * 15 }, T + 3600);
/** The window's points: every 15 s. */
const times = (start: number) => Array.from({ length: 61 }, (_, i) => start + i * 15);

/** A source that answers each of the catalogue's queries with series made for it, and records them. */
class ScriptedSource {
  readonly asked: { query: string; start?: number }[] = [];
  constructor(private readonly answer: (query: string, range?: RangeParams) => RangeSeries[]) {}
  instantQuery = async (query: string): Promise<InstantSeries[]> => {
    this.asked.push({ query });
    const ranking = this.answer(query);
    return ranking.map(({ labels, samples }) => ({ labels, sample: samples[0] }));
  };
  rangeQuery = async (query: string, range: RangeParams): Promise<RangeSeries[]> => {
    this.asked.push({ query, start: range.start });
    return this.answer(query, range);
  };
  close = () => undefined;
}

const series = (labels: Record<string, string>, value: (t: number) => number, start: number) => ({
  labels,
  samples: times(start).map((t) => [t, value(t)] as const),
});

describe('readEvidence', () => {
  const aas = (PANELS['aas-by-wait-class'] as SeriesPanel).query('finprod', 120);
  const dbTime = (PANELS['db-time'] as SeriesPanel).query('finprod', 120);
  const topSql = PANELS['top-sql'] as RankedPanel;
  const storm = (t: number) => (t >= T + 300 && t < T + 600 ? 1 : 0);

  const source = new ScriptedSource((query, range) => {
    const now = range === undefined || range.start === T;
    const start = range?.start ?? T;
    if (query === aas) {
      return [
        series({ wait_class: 'application' }, (t) => (now ? 0.1 + 6 * storm(t) : 0.05), start),
        series({ wait_class: 'user_io' }, () => 1, start),
        series({ wait_class: 'queueing' }, () => 0, start),
      ];
    }
    if (query === dbTime) {
      return [
        series({ stat: 'db_time' }, (t) => (now ? 3.2 + 6 * storm(t) : 3), start),
        series({ stat: 'db_cpu' }, () => 2, start),
        series({ stat: 'cpu_count' }, () => 8, start),
      ];
    }
    if (query === topSql.rank('finprod', 900)) {
      return [
        { labels: { sql_id: 'a1b2c3d4e5f6g' }, samples: [[T + 900, 1800]] },
        { labels: { sql_id: '3pk3nx8ttj6jw' }, samples: [[T + 900, 450]] },
      ];
    }
    if (query === topSql.query('finprod', ['a1b2c3d4e5f6g', '3pk3nx8ttj6jw'], 120)) {
      return now
        ? [
            series({ sql_id: 'a1b2c3d4e5f6g' }, (t) => 5 * storm(t), start),
            series({ sql_id: '3pk3nx8ttj6jw' }, () => 0.5, start),
          ]
        : [series({ sql_id: '3pk3nx8ttj6jw' }, () => 0.25, start)];
    }
    if (query === 'max(oracledb_up{database="finprod"})') {
      // Down for a minute, then no sample at all for another.
      return [
        {
          labels: {},
          samples: times(start)
            .filter((t) => t < T + 600 || t >= T + 660)
            .map((t) => [t, t >= T + 540 && t < T + 600 ? 0 : 1] as const),
        },
      ];
    }
    throw new Error(`unexpected query ${query}`);
  });

  it('reads the window and the week before through the catalogue’s queries, and only those', async () => {
    const figures = await readEvidence(
      new FiguresSource(source as unknown as PrometheusClient),
      'finprod',
      window,
    );
    expect(
      new Set(
        source.asked.map(
          ({ query, start }) => `${start === T - WEEK ? 'week earlier: ' : ''}${query}`,
        ),
      ),
    ).toEqual(
      new Set([
        aas,
        `week earlier: ${aas}`,
        dbTime,
        `week earlier: ${dbTime}`,
        topSql.rank('finprod', 900),
        topSql.query('finprod', ['a1b2c3d4e5f6g', '3pk3nx8ttj6jw'], 120),
        `week earlier: ${topSql.query('finprod', ['a1b2c3d4e5f6g', '3pk3nx8ttj6jw'], 120)}`,
        'max(oracledb_up{database="finprod"})',
      ]),
    );

    const named = (name: string) => figures.aas.find((row) => row.name === name);
    // 20 of the 61 points are in the storm: AAS = CPU 2 + user I/O 1 + application 0.1 (+6).
    expect(named('total')?.window).toMatchObject({ peak: 9.1, peakAt: T + 300 });
    expect(named('total')?.window?.average).toBeCloseTo(3.1 + (6 * 20) / 61, 10);
    expect(named('total')?.weekEarlier?.average).toBeCloseTo(3.05, 10);
    expect(named('application')?.window).toMatchObject({ peak: 6.1, peakAt: T + 300 });
    expect(named('application')?.weekEarlier?.average).toBeCloseTo(0.05, 10);
    expect(figures.aas.map((row) => row.name)).toEqual([
      'total',
      'cpu',
      'application',
      'queueing',
      'user_io',
    ]);
    expect([figures.cpus, figures.secondsAboveCpus]).toEqual([8, 20 * 15]);
    expect(figures.dbTime?.window?.peak).toBeCloseTo(9.2, 10);
    expect(figures.topSql).toEqual([
      {
        name: 'a1b2c3d4e5f6g',
        window: { average: (5 * 20) / 61, peak: 5, peakAt: T + 300 },
        weekEarlier: undefined,
      },
      {
        name: '3pk3nx8ttj6jw',
        window: { average: 0.5, peak: 0.5, peakAt: T },
        weekEarlier: { average: 0.25, peak: 0.25, peakAt: T - WEEK },
      },
    ]);
    expect(figures.gaps).toEqual([{ from: T + 540, to: T + 660 }]);
  });
});

describe('gapsOf', () => {
  it('merges steps without an up sample into spans of whole steps', () => {
    const range = { from: 0, to: 100, step: 10, window: 120 };
    const up = [0, 10, 40, 50, 60, 90].map((t) => [t, t === 50 ? 0 : 1] as [number, number]);
    expect(gapsOf(up, range)).toEqual([
      { from: 20, to: 40 },
      { from: 50, to: 60 },
      { from: 70, to: 90 },
      { from: 100, to: 110 },
    ]);
    expect(gapsOf([], { from: 0, to: 20, step: 10, window: 120 })).toEqual([{ from: 0, to: 30 }]);
  });
});
