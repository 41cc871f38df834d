/** What a panel is evaluated over: unix seconds, and the step between points. */
export interface TimeRange {
  from: number;
  to: number;
  step: number;
  /** The window of `rate()` and `*_over_time()` at each point: at least one step. */
  window: number;
}

export const DEFAULT_RANGE_S = 3600;
export const MAX_RANGE_S = 7 * 24 * 3600;
/** Per series. Prometheus itself refuses more than 11,000. */
export const MAX_POINTS = 500;
/** Below this a point would often hold no new scrape (scrapes come every 15 to 60 s). */
export const MIN_STEP_S = 15;
/** `rate()` needs two samples in its window: enough for scrapes up to every 60 s. */
export const MIN_WINDOW_S = 120;

/** A time or range the client sent that cannot be used: a 400 naming the parameter. */
export class TimeRangeError extends Error {
  override readonly name = 'TimeRangeError';
}

const UNIX_SECONDS = /^\d{1,11}(\.\d{1,9})?$/;
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-](\d{2}):(\d{2}))$/;
const RFC3339_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * Reads `from` and `to` (RFC 3339 with a zone, or unix seconds; the last hour by default, a
 * defaulted range aligned to its step so that identical requests ask identical queries) and
 * derives the step: at most {@link MAX_POINTS} points, at least {@link MIN_STEP_S} apart.
 */
export function parseTimeRange(query: { from?: unknown; to?: unknown }, nowS: number): TimeRange {
  const from = parseTime('from', query.from);
  const to = parseTime('to', query.to);
  if (from === undefined && to === undefined) {
    const step = stepFor(DEFAULT_RANGE_S);
    const end = Math.floor(nowS / step) * step;
    return range(end - DEFAULT_RANGE_S, end, step);
  }
  const end = to ?? nowS;
  const start = from ?? end - DEFAULT_RANGE_S;
  if (start >= end) throw new TimeRangeError('from must be before to');
  if (end - start > MAX_RANGE_S)
    throw new TimeRangeError('the range from from to to must be at most 7 days');
  return range(start, end, stepFor(end - start));
}

function range(from: number, to: number, step: number): TimeRange {
  return { from, to, step, window: Math.max(step, MIN_WINDOW_S) };
}

/** The smallest whole step giving at most MAX_POINTS points over `span` seconds. */
function stepFor(span: number): number {
  return Math.max(MIN_STEP_S, Math.ceil(span / (MAX_POINTS - 1)));
}

function parseTime(name: string, raw: unknown): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') throw new TimeRangeError(`${name} must be given once`);
  if (UNIX_SECONDS.test(raw)) return Number(raw);
  const match = RFC3339.exec(raw);
  if (match === null) {
    throw new TimeRangeError(
      RFC3339_WITHOUT_ZONE.test(raw)
        ? `${name} must carry a time zone (Z or ±hh:mm), e.g. 2026-11-24T08:00:00Z`
        : `${name} must be an RFC 3339 time with a zone (e.g. 2026-11-24T08:00:00Z) or unix seconds`,
    );
  }
  const [, year, month, day, hour, minute, second] = match.slice(0, 7).map(Number);
  const [fraction, zone] = [match[7] ?? '', match[8]];
  const zoneSign = zone === 'Z' || zone === 'z' ? 0 : zone.startsWith('-') ? -1 : 1;
  const [zoneHour, zoneMinute] = zoneSign === 0 ? [0, 0] : [Number(match[9]), Number(match[10])];
  const valid =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= new Date(Date.UTC(year, month, 0)).getUTCDate() &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 60 &&
    zoneHour <= 23 &&
    zoneMinute <= 59;
  if (!valid) throw new TimeRangeError(`${name} is not a valid date and time`);
  if (year < 1970) throw new TimeRangeError(`${name} must not be before 1970`);
  // A leap second (:60) counts as the last second of its minute.
  const utc = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59)) / 1000;
  const time = utc + Number(`0${fraction}`) - zoneSign * (zoneHour * 3600 + zoneMinute * 60);
  if (time < 0) throw new TimeRangeError(`${name} must not be before 1970`);
  return time;
}
