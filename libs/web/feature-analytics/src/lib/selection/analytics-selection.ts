import type { Params } from '@angular/router';
import type { TimeSpan } from '@oracle-ai/web/ui-time-series-chart';

/** The ranges a user picks most, evaluated up to now. */
export const RELATIVE_RANGES = [
  { key: '1h', label: 'Last hour', seconds: 3600 },
  { key: '6h', label: 'Last 6 hours', seconds: 6 * 3600 },
  { key: '24h', label: 'Last 24 hours', seconds: 24 * 3600 },
  { key: '7d', label: 'Last 7 days', seconds: 7 * 24 * 3600 },
] as const;

export type RelativeRangeKey = (typeof RELATIVE_RANGES)[number]['key'];

/** What the API serves at most. */
export const MAX_RANGE_S = 7 * 24 * 3600;

export type RangeChoice =
  | { kind: 'relative'; key: RelativeRangeKey }
  | { kind: 'custom'; from: number; to: number };

/** What the page shows, as its URL says it: the database and the range, nothing else. */
export interface AnalyticsSelection {
  database: string | undefined;
  range: RangeChoice;
}

export const DEFAULT_RANGE: RangeChoice = { kind: 'relative', key: '1h' };

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The selection a URL's query asks for (`db`, and `range` or `from` + `to`, RFC 3339 with a
 * zone). A range that cannot be used gives the default and says why, in words for the page.
 */
export function selectionFromQuery(query: Params): {
  selection: AnalyticsSelection;
  problem?: string;
} {
  const database = single(query['db']);
  const rangeKey = single(query['range']);
  const from = single(query['from']);
  const to = single(query['to']);
  const relative = RELATIVE_RANGES.find((range) => range.key === rangeKey);
  if (relative !== undefined && from === undefined && to === undefined) {
    return { selection: { database, range: { kind: 'relative', key: relative.key } } };
  }
  if (rangeKey === undefined && from === undefined && to === undefined) {
    return { selection: { database, range: DEFAULT_RANGE } };
  }
  const custom = rangeKey === undefined ? customRange(from, to) : undefined;
  if (custom === undefined || typeof custom === 'string') {
    return {
      selection: { database, range: DEFAULT_RANGE },
      problem: `The link’s time range cannot be used${typeof custom === 'string' ? ` (${custom})` : ''}: showing the last hour.`,
    };
  }
  return { selection: { database, range: custom } };
}

/** The query that gives this selection back: what a shared link carries. */
export function queryOf(selection: AnalyticsSelection): Params {
  const range = selection.range;
  return {
    db: selection.database ?? null,
    range: range.kind === 'relative' ? range.key : null,
    from: range.kind === 'custom' ? isoSeconds(range.from) : null,
    to: range.kind === 'custom' ? isoSeconds(range.to) : null,
  };
}

/** The span a range covers, relative ranges ending at the last whole minute before `nowMs`. */
export function spanOf(range: RangeChoice, nowMs: number): TimeSpan {
  if (range.kind === 'custom') return { from: range.from, to: range.to };
  const to = Math.floor(nowMs / 60_000) * 60;
  const seconds = RELATIVE_RANGES.find((relative) => relative.key === range.key)?.seconds ?? 3600;
  return { from: to - seconds, to };
}

/** Why a custom span cannot be shown, or undefined when it can. */
export function spanProblem(span: TimeSpan): string | undefined {
  if (!Number.isFinite(span.from) || !Number.isFinite(span.to)) return 'a time is missing';
  if (span.from >= span.to) return 'the start must be before the end';
  if (span.to - span.from > MAX_RANGE_S) return 'at most 7 days can be shown';
  return undefined;
}

function customRange(from?: string, to?: string): RangeChoice | string | undefined {
  if (from === undefined || to === undefined) return 'it needs both from and to';
  if (!RFC3339.test(from) || !RFC3339.test(to)) return 'times must be RFC 3339 with a zone';
  const span = { from: Date.parse(from) / 1000, to: Date.parse(to) / 1000 };
  const problem = spanProblem(span);
  return problem ?? { kind: 'custom', from: span.from, to: span.to };
}

function single(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function isoSeconds(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace('.000Z', 'Z');
}
