import { MIN_WINDOW_S, parseTimeRange, TimeRangeError, type TimeRange } from '../time-range';

/** A spike is minutes to hours: a day at most, so the evidence stays about one event. */
export const MAX_EXPLANATION_S = 24 * 3600;
/** The comparison: the same window one week earlier (the same weekday and hours). */
export const COMPARISON_OFFSET_S = 7 * 24 * 3600;

/** What an explanation is about: a window, and the same window a week earlier. */
export interface ExplanationWindow {
  range: TimeRange;
  comparison: TimeRange;
}

/**
 * The body of `POST …/explanations`: `{ from, to }`, each RFC 3339 with a zone or unix seconds
 * (a string or a number), both required, from 2 minutes to 24 hours apart and not in the future.
 * Anything else is a `TimeRangeError` naming what is wrong (a 400).
 */
export function parseExplanationWindow(body: unknown, nowS: number): ExplanationWindow {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new TimeRangeError('the body must be a JSON object { "from": …, "to": … }');
  }
  const fields = body as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((key) => key !== 'from' && key !== 'to');
  if (unknown.length > 0) throw new TimeRangeError(`unknown field ${JSON.stringify(unknown[0])}`);
  const time = (name: 'from' | 'to') => {
    const value = fields[name];
    if (value === undefined || value === null || value === '')
      throw new TimeRangeError(`${name} is required`);
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return String(value);
    if (typeof value === 'string') return value;
    throw new TimeRangeError(`${name} must be an RFC 3339 time with a zone or unix seconds`);
  };
  const range = parseTimeRange({ from: time('from'), to: time('to') }, nowS);
  if (range.to - range.from < MIN_WINDOW_S)
    throw new TimeRangeError(
      `the window from from to to must be at least ${MIN_WINDOW_S / 60} minutes`,
    );
  if (range.to - range.from > MAX_EXPLANATION_S)
    throw new TimeRangeError('the window from from to to must be at most 24 hours');
  if (range.to > nowS + 60) throw new TimeRangeError('to must not be in the future');
  return {
    range,
    comparison: {
      ...range,
      from: range.from - COMPARISON_OFFSET_S,
      to: range.to - COMPARISON_OFFSET_S,
    },
  };
}
