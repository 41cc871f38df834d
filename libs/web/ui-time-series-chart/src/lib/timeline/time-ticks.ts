const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Intervals a reader counts in: never a tick every 2,000 seconds. */
const INTERVALS = [
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
];

/**
 * Tick positions (unix seconds) between `from` and `to`: at most `maxTicks`, a whole number of
 * minutes, hours or days apart, on round times of the reader's clock (`offsetS`: their time zone's
 * offset from UTC, so that daily ticks fall on their midnight).
 */
export function timeTicks(from: number, to: number, maxTicks: number, offsetS: number): number[] {
  if (!(to > from) || maxTicks < 1) return [];
  const interval =
    INTERVALS.find((candidate) => Math.floor((to - from) / candidate) + 1 <= maxTicks) ??
    Math.ceil((to - from) / maxTicks / DAY) * DAY;
  const ticks: number[] = [];
  for (
    let tick = Math.ceil((from + offsetS) / interval) * interval - offsetS;
    tick <= to;
    tick += interval
  ) {
    ticks.push(tick);
  }
  return ticks;
}
