import { timeTicks } from './time-ticks';

const T = Date.UTC(2026, 11, 6, 10, 7) / 1000;

describe('timeTicks', () => {
  it('an hour: every 10 minutes, on round minutes', () => {
    const ticks = timeTicks(T, T + 3600, 8, 0);
    expect(ticks.map((t) => new Date(t * 1000).toISOString().slice(11, 16))).toEqual([
      '10:10',
      '10:20',
      '10:30',
      '10:40',
      '10:50',
      '11:00',
    ]);
  });

  it('a week: daily ticks at the reader’s midnight', () => {
    const offset = 3600;
    const ticks = timeTicks(T, T + 7 * 86400, 8, offset);
    expect(ticks).toHaveLength(7);
    for (const tick of ticks) expect((tick + offset) % 86400).toBe(0);
  });

  it('never more than asked, and none for an empty span', () => {
    for (const span of [300, 3600, 6 * 3600, 86400, 7 * 86400, 60 * 86400]) {
      const ticks = timeTicks(T, T + span, 6, 0);
      expect(ticks.length).toBeGreaterThan(0);
      expect(ticks.length).toBeLessThanOrEqual(6);
    }
    expect(timeTicks(T, T, 6, 0)).toEqual([]);
  });
});
