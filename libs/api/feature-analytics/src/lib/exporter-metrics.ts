/**
 * The series of Oracle's database metrics exporter (`oracle-db-appdev-monitoring`, formerly
 * `iamseth/oracledb_exporter`) that the analytics read, with the labels the queries use. The
 * exporter names a metric `oracledb_<context>_<column or appended field>`; in a multi-database
 * configuration it adds the `database` label, and its default queries add `inst_id` (RAC) and
 * `con_id` (CDB), which the panels sum over.
 */

/**
 * `gv$system_wait_class.wait_class` of the non-idle classes, as the exporter cleans them ("User I/O"
 * → `user_io`). The dev exporter (`apps/dev-metrics`) lists them again on purpose: it stands in for
 * Oracle's exporter, and `apps/api/src/exporter-contract.int-spec.ts` pins these names against what
 * it serves; one shared list would make that check pass whatever either side got wrong.
 */
export const WAIT_CLASSES = [
  'administrative',
  'application',
  'cluster',
  'commit',
  'concurrency',
  'configuration',
  'network',
  'other',
  'queueing',
  'scheduler',
  'system_io',
  'user_io',
] as const;

/** `gv$sysstat` statistics of the default `activity` metric. */
export const ACTIVITY_STATISTICS = [
  'execute_count',
  'parse_count_total',
  'user_commits',
  'user_rollbacks',
] as const;

/** The project's custom `time_model` metric (apps/api/deploy/oracledb-exporter): `gv$sys_time_model` in seconds. */
export const TIME_MODEL_STATISTICS = ['db_time', 'db_cpu'] as const;

/** The project's custom `cpu` metric (apps/api/deploy/oracledb-exporter): `gv$osstat` `NUM_CPUS` per instance. */
export const CPU_COUNT_METRIC = 'oracledb_cpu_count';

export interface ExporterMetric {
  name: string;
  /** Labels the queries match, group or name series by (besides those they sum over). */
  labels: readonly string[];
}

/** Every metric the API reads: what a contract test pins against the dev exporter. */
export const EXPORTER_METRICS: readonly ExporterMetric[] = [
  { name: 'oracledb_up', labels: ['database'] },
  ...WAIT_CLASSES.map((waitClass) => ({
    name: `oracledb_wait_time_${waitClass}`,
    labels: ['database'],
  })),
  ...TIME_MODEL_STATISTICS.map((stat) => ({
    name: `oracledb_time_model_${stat}`,
    labels: ['database'],
  })),
  { name: CPU_COUNT_METRIC, labels: ['database'] },
  ...ACTIVITY_STATISTICS.map((stat) => ({
    name: `oracledb_activity_${stat}`,
    labels: ['database'],
  })),
  { name: 'oracledb_sessions_value', labels: ['database', 'status', 'type'] },
  { name: 'oracledb_tablespace_bytes', labels: ['database', 'tablespace'] },
  { name: 'oracledb_tablespace_max_bytes', labels: ['database', 'tablespace'] },
  { name: 'oracledb_top_sql_elapsed', labels: ['database', 'sql_id'] },
];
