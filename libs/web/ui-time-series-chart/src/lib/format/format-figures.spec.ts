import { formatTime, formatTimestamp, formatValue } from './format-figures';

describe('the figures as they read', () => {
  it('numbers: two decimals for small ones, fewer as they grow', () => {
    expect([0, 0.004, 1.234, 12.345, 1234.5].map(formatValue)).toEqual([
      '0.00',
      '0.00',
      '1.23',
      '12.3',
      '1,235',
    ]);
    expect(formatValue(-2.5)).toBe('-2.50');
  });

  it('times: the clock within a day, the day too beyond', () => {
    const t = Date.UTC(2026, 11, 6, 10, 27, 15) / 1000;
    const clock = new Date(t * 1000).toLocaleString(undefined, {
      hour: '2-digit',
      minute: '2-digit',
    });
    expect(formatTime(t, 3600)).toBe(clock);
    expect(formatTime(t, 7 * 86400)).toContain(clock);
    expect(formatTime(t, 7 * 86400).length).toBeGreaterThan(clock.length);
    expect(formatTimestamp(t, 15)).toMatch(/27:15/);
    expect(formatTimestamp(t, 60)).not.toMatch(/27:15/);
  });
});
