import { panelOf } from '../testing/panels';
import { tablespacesView } from './tablespaces-view';

describe('tablespacesView', () => {
  it('fullest first at the end of the range, with the most used during it', () => {
    const view = tablespacesView(
      panelOf('tablespaces', 'percent', {
        SYSTEM: [4.4, 4.4],
        TEMP: [85, 78],
        USERS: [0.6, 0.6],
      }),
    );
    expect(view.rows).toEqual([
      { name: 'TEMP', last: 78, peak: 85 },
      { name: 'SYSTEM', last: 4.4, peak: 4.4 },
      { name: 'USERS', last: 0.6, peak: 0.6 },
    ]);
    expect(view.summary).toBe(
      'Fullest at the end of the range: TEMP, 78.0 % used (at most 85.0 % in the range).',
    );
    expect(tablespacesView(panelOf('tablespaces', 'percent', {})).summary).toBe(
      'No figures in this range.',
    );
  });
});
