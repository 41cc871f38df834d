import { panelOf } from '../testing/panels';
import { activityView, listed } from './activity-view';

describe('activityView', () => {
  it('one line per statistic, in words; averages in one sentence', () => {
    const view = activityView(
      panelOf('activity', '1/s', {
        execute_count: [2400, 2600],
        parse_count_total: [300, 320],
        user_commits: [85, 85],
        user_rollbacks: [0.5, 0.7],
      }),
    );
    expect(view.series.map((s) => [s.label, s.kind])).toEqual([
      ['Executes', 'line'],
      ['Parses', 'line'],
      ['Commits', 'line'],
      ['Rollbacks', 'line'],
    ]);
    expect(view.summary).toBe(
      'On average 2,500 executes, 310 parses, 85.0 commits and 0.60 rollbacks per second.',
    );
    expect(activityView(panelOf('activity', '1/s', {})).summary).toBe('No figures in this range.');
  });

  it('lists words as a sentence does', () => {
    expect([listed([]), listed(['a']), listed(['a', 'b']), listed(['a', 'b', 'c'])]).toEqual([
      '',
      'a',
      'a and b',
      'a, b and c',
    ]);
  });
});
