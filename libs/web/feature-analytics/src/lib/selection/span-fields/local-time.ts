/**
 * `<input type="datetime-local">` speaks the reader's wall clock without a zone
 * (`2026-12-06T10:27`); the page speaks unix seconds.
 */
export function toLocalInputValue(unixSeconds: number | undefined): string {
  if (unixSeconds === undefined || !Number.isFinite(unixSeconds)) return '';
  const date = new Date(unixSeconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/** Unix seconds of a local date and time, or NaN when the text is not one. */
export function fromLocalInputValue(value: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (match === null) return NaN;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  const date = new Date(year, month - 1, day, hour, minute, second);
  // A date that rolled over (31 February) is not the one typed.
  return date.getMonth() === month - 1 && date.getDate() === day ? date.getTime() / 1000 : NaN;
}
