import { panelOf, T0 } from '../testing/panels';
import { topSqlView } from './top-sql-view';

describe('topSqlView', () => {
  it('keeps the API’s order, with each statement’s mean and peak elapsed seconds per second', () => {
    const view = topSqlView(
      panelOf('top-sql', 's/s', { '3pk3nx8ttj6jw': [2, 3, 1], '9zj2q1dtx357p': [0.5, 0.5, 0.5] }),
    );
    expect(view.rows).toEqual([
      { sqlId: '3pk3nx8ttj6jw', average: 2, peak: 3, peakAt: T0 + 60 },
      { sqlId: '9zj2q1dtx357p', average: 0.5, peak: 0.5, peakAt: T0 },
    ]);
    expect(view.summary).toBe(
      'Most elapsed time: 3pk3nx8ttj6jw, 2.00 s per second on average over the range.',
    );
    expect(topSqlView(panelOf('top-sql', 's/s', {})).summary).toBe(
      'No statement reported elapsed time in this range.',
    );
  });
});
