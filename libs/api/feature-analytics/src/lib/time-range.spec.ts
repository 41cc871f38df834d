import { MAX_POINTS, parseTimeRange, TimeRangeError } from './time-range';

const NOW = 1_796_500_007.25;

describe('parseTimeRange', () => {
  it('defaults to the last hour, aligned to its step so identical requests ask identical queries', () => {
    expect(parseTimeRange({}, NOW)).toEqual({
      from: 1_796_496_405,
      to: 1_796_500_005,
      step: 15,
      window: 120,
    });
    expect(parseTimeRange({ from: '', to: '' }, NOW + 3)).toEqual(parseTimeRange({}, NOW));
  });

  it('reads unix seconds and RFC 3339 times with a zone', () => {
    expect(parseTimeRange({ from: '1796400000', to: '1796403600.5' }, NOW)).toMatchObject({
      from: 1796400000,
      to: 1796403600.5,
    });
    expect(
      parseTimeRange({ from: '2026-11-24T08:00:00Z', to: '2026-11-24T10:30:00+01:00' }, NOW),
    ).toMatchObject({
      from: Date.UTC(2026, 10, 24, 8) / 1000,
      to: Date.UTC(2026, 10, 24, 9, 30) / 1000,
    });
    expect(
      parseTimeRange({ from: '2026-11-24t08:00:00.250z', to: '2026-11-24 09:00:00-00:30' }, NOW),
    ).toMatchObject({
      from: Date.UTC(2026, 10, 24, 8) / 1000 + 0.25,
      to: Date.UTC(2026, 10, 24, 9, 30) / 1000,
    });
    // A leap second is the last second of its minute.
    expect(
      parseTimeRange({ from: '2016-12-31T23:59:60Z', to: '2017-01-01T00:30:00Z' }, NOW).from,
    ).toBe(Date.UTC(2016, 11, 31, 23, 59, 59) / 1000);
  });

  it('with one end given, the other is an hour away or now', () => {
    expect(parseTimeRange({ to: '1796400000' }, NOW)).toMatchObject({
      from: 1796396400,
      to: 1796400000,
    });
    expect(parseTimeRange({ from: '1796490000' }, NOW)).toMatchObject({
      from: 1796490000,
      to: NOW,
    });
  });

  it.each([
    [3600, 15, 241],
    [6 * 3600, 44, 491],
    [24 * 3600, 174, 497],
    [7 * 24 * 3600, 1213, 499],
    [60, 15, 5],
  ])('a %i s range: step %i s, %i points, never more than 500', (span, step, points) => {
    const range = parseTimeRange({ from: String(1796400000), to: String(1796400000 + span) }, NOW);
    expect(range.step).toBe(step);
    expect(Math.floor(span / range.step) + 1).toBe(points);
    expect(points).toBeLessThanOrEqual(MAX_POINTS);
    expect(range.window).toBe(Math.max(step, 120));
  });

  it.each([
    [
      { from: '2026-11-24T08:00:00' },
      'from must carry a time zone (Z or ±hh:mm), e.g. 2026-11-24T08:00:00Z',
    ],
    [
      { to: '2026-11-24 08:00' },
      'to must carry a time zone (Z or ±hh:mm), e.g. 2026-11-24T08:00:00Z',
    ],
    [
      { from: 'yesterday' },
      'from must be an RFC 3339 time with a zone (e.g. 2026-11-24T08:00:00Z) or unix seconds',
    ],
    [
      { from: '-5' },
      'from must be an RFC 3339 time with a zone (e.g. 2026-11-24T08:00:00Z) or unix seconds',
    ],
    [
      { from: '1e9' },
      'from must be an RFC 3339 time with a zone (e.g. 2026-11-24T08:00:00Z) or unix seconds',
    ],
    [
      { from: '0x10' },
      'from must be an RFC 3339 time with a zone (e.g. 2026-11-24T08:00:00Z) or unix seconds',
    ],
    [{ from: '2026-02-30T00:00:00Z' }, 'from is not a valid date and time'],
    [{ from: '2026-11-24T24:00:00Z' }, 'from is not a valid date and time'],
    [{ from: '2026-11-24T08:00:00+25:00' }, 'from is not a valid date and time'],
    [{ from: '0070-01-01T00:00:00Z' }, 'from must not be before 1970'],
    [{ from: ['1', '2'] }, 'from must be given once'],
    [{ from: '1796403600', to: '1796400000' }, 'from must be before to'],
    [{ from: '1796400000', to: '1796400000' }, 'from must be before to'],
    [
      { from: '1796400000', to: String(1796400000 + 7 * 86400 + 1) },
      'the range from from to to must be at most 7 days',
    ],
    [
      { from: `1796400000${'0'.repeat(10_000)}` },
      'from must be an RFC 3339 time with a zone (e.g. 2026-11-24T08:00:00Z) or unix seconds',
    ],
  ])('refuses %p', (query, message) => {
    expect(() => parseTimeRange(query, NOW)).toThrow(new TimeRangeError(message));
  });

  it('accepts exactly seven days', () => {
    expect(
      parseTimeRange({ from: '1796400000', to: String(1796400000 + 7 * 86400) }, NOW).step,
    ).toBe(1213);
  });
});
