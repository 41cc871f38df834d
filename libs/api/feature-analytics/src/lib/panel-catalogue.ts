import type { AnalyticsPanel, AnalyticsUnit } from '@oracle-ai/shared/util-api-contract';
import {
  ACTIVITY_STATISTICS,
  CPU_COUNT_METRIC,
  TIME_MODEL_STATISTICS,
  WAIT_CLASSES,
} from './exporter-metrics';
import { promqlString, seconds, selector } from './promql';

/** How a panel's series are read: one range query, its series named by their labels. */
export interface SeriesPanel {
  kind: 'series';
  unit: AnalyticsUnit;
  query(database: string, windowS: number): string;
  /** The series' name, from its labels; undefined drops a series that has none. */
  nameOf(labels: Readonly<Record<string, string>>): string | undefined;
  /** Names in this order first; the rest by name. */
  order?: readonly string[];
}

/** Ranked first over the whole range (an instant query), then read for the top names only. */
export interface RankedPanel {
  kind: 'ranked';
  unit: AnalyticsUnit;
  limit: number;
  label: string;
  /** Only values of this shape are put back into a query. */
  valuePattern: RegExp;
  rank(database: string, spanS: number): string;
  query(database: string, values: readonly string[], windowS: number): string;
}

export type PanelDefinition = SeriesPanel | RankedPanel;

/**
 * One series of a query joined with `or`: `expression` summed over every instance and container
 * of the database, labelled `label="name"` by `label_replace` (the metrics are separate names,
 * and a regex over `__name__` would give series that differ only by the dropped name).
 */
function namedSum(expression: string, label: string, name: string): string {
  return `label_replace(sum(${expression}), "${label}", "${name}", "", "")`;
}

/** Counters, one series per name: the rate of each. */
function ratesByName(metric: (name: string) => string, names: readonly string[], label: string) {
  return (database: string, windowS: number) =>
    names
      .map((name) =>
        namedSum(`rate(${selector(metric(name), { database })}[${seconds(windowS)}])`, label, name),
      )
      .join(' or ');
}

const timeModelRates = ratesByName(
  (stat) => `oracledb_time_model_${stat}`,
  TIME_MODEL_STATISTICS,
  'stat',
);

/** The API's panel catalogue: the only queries it ever sends. */
export const PANELS: Readonly<Record<AnalyticsPanel, PanelDefinition>> = {
  // Wait time per second is the average number of sessions waiting in that class.
  'aas-by-wait-class': {
    kind: 'series',
    unit: 'sessions',
    query: ratesByName(
      (waitClass) => `oracledb_wait_time_${waitClass}`,
      WAIT_CLASSES,
      'wait_class',
    ),
    nameOf: (labels) => labels['wait_class'],
    order: WAIT_CLASSES,
  },
  // DB time and DB CPU against the CPUs: a CPU is one CPU second per second, so the count is in
  // the panel's unit (and in AAS' sessions). The most CPUs seen in each step, over the instances.
  'db-time': {
    kind: 'series',
    unit: 's/s',
    query: (database, windowS) =>
      `${timeModelRates(database, windowS)} or ` +
      namedSum(
        `max_over_time(${selector(CPU_COUNT_METRIC, { database })}[${seconds(windowS)}])`,
        'stat',
        'cpu_count',
      ),
    nameOf: (labels) => labels['stat'],
    order: [...TIME_MODEL_STATISTICS, 'cpu_count'],
  },
  activity: {
    kind: 'series',
    unit: '1/s',
    query: ratesByName((stat) => `oracledb_activity_${stat}`, ACTIVITY_STATISTICS, 'stat'),
    nameOf: (labels) => labels['stat'],
    order: ACTIVITY_STATISTICS,
  },
  // Averaged over each step: a long range shows the typical count, not one sample of it.
  sessions: {
    kind: 'series',
    unit: 'sessions',
    query: (database, windowS) =>
      `sum by (status, type) (avg_over_time(${selector('oracledb_sessions_value', { database })}[${seconds(windowS)}]))`,
    nameOf: (labels) =>
      labels['status'] !== undefined && labels['type'] !== undefined
        ? `${labels['status']} ${labels['type']}`
        : undefined,
  },
  // From bytes, not the exporter's used_percent: its default query gives a fraction (0–1) for
  // temporary tablespaces and a percentage for the others. The fullest point of each step.
  tablespaces: {
    kind: 'series',
    unit: 'percent',
    query: (database, windowS) => {
      const window = seconds(windowS);
      return (
        `100 * max by (tablespace) (max_over_time(${selector('oracledb_tablespace_bytes', { database })}[${window}]))` +
        ` / max by (tablespace) (max_over_time(${selector('oracledb_tablespace_max_bytes', { database })}[${window}]) > 0)`
      );
    },
    nameOf: (labels) => labels['tablespace'],
  },
  // oracledb_top_sql_elapsed is each cursor's elapsed time so far (seconds, reset when it is
  // reloaded): its rate is the statement's share of DB time. The SQL text is never read.
  'top-sql': {
    kind: 'ranked',
    unit: 's/s',
    limit: 10,
    label: 'sql_id',
    valuePattern: /^[0-9a-z]{13}$/,
    rank: (database, spanS) =>
      `topk(10, sum by (sql_id) (increase(${selector('oracledb_top_sql_elapsed', { database })}[${seconds(spanS)}])))`,
    query: (database, sqlIds, windowS) =>
      `sum by (sql_id) (rate(oracledb_top_sql_elapsed{database=${promqlString(database)},sql_id=~${promqlString(sqlIds.join('|'))}}[${seconds(windowS)}]))`,
  },
};

/** The panel of that name, or undefined (never a property of Object.prototype). */
export function panelNamed(name: string): PanelDefinition | undefined {
  return Object.hasOwn(PANELS, name) ? PANELS[name as AnalyticsPanel] : undefined;
}
