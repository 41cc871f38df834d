import { retryAfterSeconds } from './retry-after';

describe('retryAfterSeconds', () => {
  const now = Date.parse('2026-12-01T10:00:00Z');

  it.each([
    [null, undefined],
    ['soon', undefined],
    ['7', 7],
    [' 12 ', 12],
    ['0', 1],
    ['86400', 300],
    ['Tue, 01 Dec 2026 10:00:30 GMT', 30],
    ['Tue, 01 Dec 2026 09:00:00 GMT', 1],
  ])('%p → %p', (value, seconds) => {
    expect(retryAfterSeconds(value, now)).toBe(seconds);
  });
});
