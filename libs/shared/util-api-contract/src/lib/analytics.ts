/** Where the API reads the figures: a Prometheus-compatible HTTP API fed by Oracle's exporter. */
export type AnalyticsSource = 'prometheus';

/** `GET /api/analytics`: the databases the caller may see. */
export interface AnalyticsResource {
  source: AnalyticsSource;
  /**
   * The figures are simulated (the dev stack's exporter, `ANALYTICS_SIMULATED=true`), not a real
   * database's: the page says so plainly.
   */
  simulated: boolean;
  /** Sorted by name. */
  databases: AnalyticsDatabase[];
}

export interface AnalyticsDatabase {
  /** The exporter's `database` label. */
  name: string;
  /** Whether the exporter's latest `oracledb_up` for it (within 15 minutes) is 1. */
  up: boolean;
}

/** The panels of a database, in the order a DBA reads them. */
export const ANALYTICS_PANELS = [
  'aas-by-wait-class',
  'db-time',
  'activity',
  'sessions',
  'tablespaces',
  'top-sql',
] as const;

export type AnalyticsPanel = (typeof ANALYTICS_PANELS)[number];

/** `sessions` (average active sessions, session counts), `s/s`, `1/s` (events per second), `percent`. */
export type AnalyticsUnit = 'sessions' | 's/s' | '1/s' | 'percent';

/** `GET /api/analytics/databases/:db/panels/:panel`: one panel's time series. */
export interface AnalyticsPanelResponse {
  database: string;
  panel: AnalyticsPanel;
  /** Unix seconds, as evaluated (a defaulted range is aligned to the step). */
  from: number;
  to: number;
  /** Seconds between points. */
  step: number;
  unit: AnalyticsUnit;
  series: AnalyticsSeries[];
}

export interface AnalyticsSeries {
  /**
   * The exporter's own word: `user_io`, `execute_count`, a tablespace name, a `sql_id` …; in
   * `db-time`, `db_time`, `db_cpu` and `cpu_count` (the CPUs of every instance: one CPU is one
   * CPU second per second, so the count is in the panel's unit).
   */
  name: string;
  /** `[unixSeconds, value]`, oldest first; a missing point is a gap, never invented. */
  points: [number, number][];
}

/**
 * `GET /api/analytics/databases/:db/evidence?from&to`: what an explanation of that window gives
 * the assistant (`POST …/explanations` builds the same pack).
 */
export interface AnalyticsEvidence {
  database: string;
  /** The window, unix seconds, and the step its figures are read at. */
  from: number;
  to: number;
  step: number;
  /** The same window a week earlier, which every figure is compared with. */
  comparisonFrom: number;
  comparisonTo: number;
  simulated: boolean;
  /** Markdown: every figure with its unit, times in UTC; at most 4,000 characters. */
  text: string;
  /** The question the assistant is asked about it. */
  question: string;
}
