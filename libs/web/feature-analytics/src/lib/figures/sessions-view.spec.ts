import { formatTime } from '@oracle-ai/web/ui-time-series-chart';
import { panelOf, T0 } from '../testing/panels';
import { sessionsView } from './sessions-view';

describe('sessionsView', () => {
  it('stacks active user, active background, then inactive sessions; the total and the active peak', () => {
    const view = sessionsView(
      panelOf('sessions', 'sessions', {
        'INACTIVE USER': [400, 380],
        'ACTIVE BACKGROUND': [58, 58],
        'ACTIVE USER': [10, 30],
      }),
    );
    expect(view.series.map((s) => [s.label, s.kind])).toEqual([
      ['Active user', 'area'],
      ['Active background', 'area'],
      ['Inactive user', 'area'],
    ]);
    expect(view.summary).toBe(
      `468 sessions on average, 20.0 of them active user sessions; at most 30.0 active at ${formatTime(T0 + 60, 3600)}.`,
    );
  });
});
