import { formatTime } from '@oracle-ai/web/ui-time-series-chart';
import { panelOf, T0 } from '../testing/panels';
import { aasView } from './aas-view';

describe('aasView', () => {
  const aas = panelOf('aas-by-wait-class', 'sessions', {
    application: [0.1, 4, 0.2],
    user_io: [1, 1.5, 1],
    queueing: [0, 0, 0],
  });
  const dbTime = panelOf('db-time', 's/s', {
    db_time: [3, 9, 3],
    db_cpu: [2, 3, 2],
    cpu_count: [8, 8, 8],
  });

  it('stacks CPU, then the wait classes that had any, in the usual order; the CPUs as a dashed line', () => {
    const view = aasView(aas, dbTime);
    expect(view.series.map(({ label, kind, dashed }) => [label, kind, dashed ?? false])).toEqual([
      ['CPU', 'area', false],
      ['User I/O', 'area', false],
      ['Application', 'area', false],
      ['CPUs', 'line', true],
    ]);
    expect(view.series[0].points).toEqual(dbTime.series[1].points);
    expect(view.unitLabel).toBe('Average active sessions');
  });

  it('says the peak and when, against the CPUs, and the largest wait class', () => {
    expect(aasView(aas, dbTime).summary).toBe(
      `Peak 8.50 average active sessions at ${formatTime(T0 + 60, 3600)}, above the 8.00 CPUs. ` +
        'Largest wait class: Application, 1.43 on average (CPU 2.33).',
    );
    const quiet = panelOf('aas-by-wait-class', 'sessions', { user_io: [1, 1, 1] });
    expect(aasView(quiet, dbTime).summary).toMatch(
      /, within the 8\.00 CPUs\. Largest wait class: User I\/O, 1\.00/,
    );
  });

  it('says so when the range holds no figures', () => {
    const empty = panelOf('aas-by-wait-class', 'sessions', {});
    const noTime = panelOf('db-time', 's/s', {});
    expect(aasView(empty, noTime)).toMatchObject({
      series: [],
      summary: 'No figures in this range.',
    });
  });
});
