/**
 * How the figures read on the page: numbers with up to two decimals (fewer as they grow), times
 * in the reader's locale and time zone. One place, so that the chart, its table and the summaries
 * never disagree on a figure.
 */
export function formatValue(value: number): string {
  const magnitude = Math.abs(value);
  const digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2;
  return value.toLocaleString(undefined, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

const CLOCK: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
const DAY_AND_CLOCK: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  ...CLOCK,
};

/** An instant on an axis or in a sentence: the clock alone when the span is within a day. */
export function formatTime(unixSeconds: number, spanS: number): string {
  return new Date(unixSeconds * 1000).toLocaleString(
    undefined,
    spanS <= 86_400 ? CLOCK : DAY_AND_CLOCK,
  );
}

/** An instant in a table row: day and clock, with seconds when points are less than a minute apart. */
export function formatTimestamp(unixSeconds: number, stepS: number): string {
  return new Date(unixSeconds * 1000).toLocaleString(undefined, {
    ...DAY_AND_CLOCK,
    ...(stepS < 60 && { second: '2-digit' }),
  });
}
