import { DATABASES } from './databases';
import { WAIT_CLASSES, type DatabaseProfile } from './profile';
import { TopSql } from './top-sql';
import { Workload } from './workload';

export type MetricType = 'gauge' | 'counter';

export interface Sample {
  /** Label names and values, sorted by name (as the exporter's client library writes them). */
  labels: readonly (readonly [string, string])[];
  value: number;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: MetricType;
  samples: Sample[];
}

export interface SimulatedExporterOptions {
  /** Databases the exporter cannot reach: they report `oracledb_up 0` and nothing else. */
  downDatabases?: ReadonlySet<string>;
}

/** The exporter's `wait_time` and the project's `time_model` metrics are declared counters; the rest gauges. */
const WAIT_TIME_HELP = 'counter metric from system_wait_class view in Oracle.';
const ACTIVITY_HELP = 'Generic counter metric from gv$sysstat view in Oracle.';
/** As apps/api/deploy/oracledb-exporter/custom-metrics.toml describes it. */
const TIME_MODEL_HELP = 'Time model statistic from gv$sys_time_model, in seconds.';
const CPU_COUNT_HELP = 'CPUs available to the instance, from gv$osstat NUM_CPUS.';

/**
 * What Oracle's database metrics exporter (`oracle-db-appdev-monitoring`, configured with the
 * default metrics and this project's `time_model` and `cpu` custom metrics, one entry per database) would
 * answer at instant `t`: the metric names, labels and types it writes, values from the workload
 * model. Only the metrics the API reads, and the rest of the tablespace set, are simulated.
 */
export class SimulatedExporter {
  private readonly databases: { profile: DatabaseProfile; workload: Workload; topSql: TopSql }[];
  private readonly down: ReadonlySet<string>;

  constructor(options: SimulatedExporterOptions = {}) {
    this.down = options.downDatabases ?? new Set();
    this.databases = DATABASES.map((profile) => {
      const workload = new Workload(profile);
      return { profile, workload, topSql: new TopSql(workload) };
    });
  }

  familiesAt(t: number): MetricFamily[] {
    const families = new Map<string, MetricFamily>();
    const add = (
      name: string,
      help: string,
      type: MetricType,
      labels: Record<string, string>,
      value: number,
    ) => {
      let family = families.get(name);
      if (family === undefined) {
        family = { name, help, type, samples: [] };
        families.set(name, family);
      }
      const sorted = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      family.samples.push({ labels: sorted, value });
    };

    for (const { profile, workload, topSql } of this.databases) {
      const database = profile.name;
      const up = !this.down.has(database);
      add(
        'oracledb_up',
        'Whether the Oracle AI Database server is up.',
        'gauge',
        { database },
        up ? 1 : 0,
      );
      if (!up) continue;

      for (const instance of profile.instances) {
        const inst_id = String(instance.id);
        for (const container of profile.containers) {
          const share = instance.share * container.share;
          const con_id = String(container.id);
          for (const waitClass of WAIT_CLASSES) {
            const rate = workload.waits.get(waitClass) ?? [];
            add(
              `oracledb_wait_time_${waitClass}`,
              WAIT_TIME_HELP,
              'counter',
              { database, inst_id, con_id },
              round3(share * workload.counter(rate, t)),
            );
          }
          add(
            'oracledb_time_model_db_time',
            TIME_MODEL_HELP,
            'counter',
            { database, inst_id, con_id },
            round6(share * workload.counter(workload.dbTime, t)),
          );
          add(
            'oracledb_time_model_db_cpu',
            TIME_MODEL_HELP,
            'counter',
            { database, inst_id, con_id },
            round6(share * workload.counter(workload.cpu, t)),
          );
        }
        add('oracledb_cpu_count', CPU_COUNT_HELP, 'gauge', { database, inst_id }, instance.cpus);
        for (const [name, rate] of workload.activity) {
          add(
            `oracledb_activity_${name}`,
            ACTIVITY_HELP,
            'gauge',
            { database, inst_id },
            Math.round(instance.share * workload.counter(rate, t)),
          );
        }
        const sessions = workload.sessions(instance.share, t);
        const sessionsHelp = 'Gauge metric with count of sessions by inst_id, status and type.';
        add(
          'oracledb_sessions_value',
          sessionsHelp,
          'gauge',
          { database, inst_id, status: 'ACTIVE', type: 'USER' },
          sessions.activeUser,
        );
        add(
          'oracledb_sessions_value',
          sessionsHelp,
          'gauge',
          { database, inst_id, status: 'INACTIVE', type: 'USER' },
          sessions.inactiveUser,
        );
        add(
          'oracledb_sessions_value',
          sessionsHelp,
          'gauge',
          { database, inst_id, status: 'ACTIVE', type: 'BACKGROUND' },
          sessions.activeBackground,
        );
      }

      profile.tablespaces.forEach((tablespace, index) => {
        const labels = { database, tablespace: tablespace.name, type: tablespace.type };
        const used = workload.tablespaceUsedBytes(index, t);
        const max = tablespace.maxBytes;
        add(
          'oracledb_tablespace_bytes',
          'Generic counter metric of tablespaces bytes in Oracle.',
          'gauge',
          labels,
          used,
        );
        add(
          'oracledb_tablespace_max_bytes',
          'Generic counter metric of tablespaces max bytes in Oracle.',
          'gauge',
          labels,
          max,
        );
        add(
          'oracledb_tablespace_free',
          'Generic counter metric of tablespaces free bytes in Oracle.',
          'gauge',
          labels,
          max - used,
        );
        // As the exporter's default query computes it: a percentage from dba_tablespace_usage_metrics,
        // but a fraction (0–1) for temporary tablespaces, from dba_temp_free_space.
        const usedPercent = tablespace.type === 'TEMPORARY' ? used / max : (100 * used) / max;
        add(
          'oracledb_tablespace_used_percent',
          'Gauge metric showing as a percentage of how much of the tablespace has been used.',
          'gauge',
          labels,
          usedPercent,
        );
      });

      for (const row of topSql.rowsAt(t)) {
        add(
          'oracledb_top_sql_elapsed',
          'SQL statement elapsed time running',
          'gauge',
          { database, inst_id: String(row.instId), sql_id: row.sqlId, sql_text: row.sqlText },
          round6(row.elapsed),
        );
      }
    }
    return [...families.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  }
}

/** `gv$system_wait_class.time_waited` is in centiseconds; the exporter rounds seconds to 3 places. */
function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Microseconds ÷ 1e6: six decimals. */
function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
