import { formatTime } from '@oracle-ai/web/ui-time-series-chart';
import { panelOf, T0 } from '../testing/panels';
import { dbTimeView } from './db-time-view';

describe('dbTimeView', () => {
  it('DB CPU as an area, DB time as a line, the CPUs dashed; averages and the share of the CPUs', () => {
    const view = dbTimeView(
      panelOf('db-time', 's/s', { db_time: [3, 9, 3], db_cpu: [2, 3, 1], cpu_count: [8, 8, 8] }),
    );
    expect(view.series.map(({ label, kind, dashed }) => [label, kind, dashed ?? false])).toEqual([
      ['DB CPU', 'area', false],
      ['DB time', 'line', false],
      ['CPUs', 'line', true],
    ]);
    expect(view.summary).toBe(
      `DB time 5.00 s/s on average, at most 9.00 at ${formatTime(T0 + 60, 3600)}. DB CPU 2.00 s/s on average, 25 % of the 8.00 CPUs.`,
    );
  });

  it('without a CPU count, no share; without figures, says so', () => {
    expect(dbTimeView(panelOf('db-time', 's/s', { db_cpu: [2] })).summary).toBe(
      'DB CPU 2.00 s/s on average.',
    );
    expect(dbTimeView(panelOf('db-time', 's/s', {})).summary).toBe('No figures in this range.');
  });
});
