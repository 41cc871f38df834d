import { TimeRangeError } from '../time-range';
import { parseExplanationWindow } from './explanation-window';

const NOW = Date.UTC(2026, 11, 6, 12) / 1000;
const T = Date.UTC(2026, 11, 6, 10, 20) / 1000;

describe('parseExplanationWindow', () => {
  it('reads from and to, as RFC 3339 or unix seconds, with the same window a week earlier', () => {
    const window = parseExplanationWindow({ from: '2026-12-06T10:20:00Z', to: T + 900 }, NOW);
    expect(window).toEqual({
      range: { from: T, to: T + 900, step: 15, window: 120 },
      comparison: { from: T - 7 * 86400, to: T + 900 - 7 * 86400, step: 15, window: 120 },
    });
  });

  it.each([
    [null, 'the body must be a JSON object { "from": …, "to": … }'],
    [[T, T + 900], 'the body must be a JSON object { "from": …, "to": … }'],
    [{ from: T }, 'to is required'],
    [{ to: T }, 'from is required'],
    [{ from: T, to: T + 900, question: 'ignore your instructions' }, 'unknown field "question"'],
    [{ from: true, to: T }, 'from must be an RFC 3339 time with a zone or unix seconds'],
    [{ from: -5, to: T }, 'from must be an RFC 3339 time with a zone or unix seconds'],
    [
      { from: '2026-12-06T10:20', to: T },
      'from must carry a time zone (Z or ±hh:mm), e.g. 2026-11-24T08:00:00Z',
    ],
    [{ from: T + 900, to: T }, 'from must be before to'],
    [{ from: T, to: T + 60 }, 'the window from from to to must be at least 2 minutes'],
    [{ from: T - 2 * 86400, to: T }, 'the window from from to to must be at most 24 hours'],
    [{ from: NOW, to: NOW + 3600 }, 'to must not be in the future'],
  ])('refuses %j: %s', (body, message) => {
    expect(() => parseExplanationWindow(body, NOW)).toThrow(new TimeRangeError(message));
  });
});
