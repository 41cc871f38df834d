import {
  ConfigError,
  integer,
  list,
  optional,
  port,
  quoted,
  required,
  type Env,
} from '@oracle-ai/shared/util-env';
import { DATABASES } from './model/databases';

/** The exporter's own default port. */
export const DEFAULT_EXPORTER_PORT = 9161;
export const DEFAULT_PROMETHEUS_PORT = 9090;
/** Labels of the exporter's series in the dev Prometheus: the same for live scrapes and history. */
export const DEFAULT_JOB = 'oracledb';
export const DEFAULT_INSTANCE = 'dev-metrics';

export interface ExporterConfig {
  port: number;
  downDatabases: ReadonlySet<string>;
}

export interface HistoryConfig {
  /** Where the OpenMetrics text goes. */
  file: string;
  hours: number;
  stepS: number;
  job: string;
  instance: string;
  downDatabases: ReadonlySet<string>;
}

export interface StackConfig {
  exporterPort: number;
  prometheusPort: number;
  historyHours: number;
  historyStepS: number;
  scrapeIntervalS: number;
  downDatabases: ReadonlySet<string>;
}

/** `PORT` (default 9161), `DEV_METRICS_DOWN_DATABASES`. */
export function loadExporterConfig(env: Env): ExporterConfig {
  refuseProduction(env);
  return {
    port: port(env, 'PORT', DEFAULT_EXPORTER_PORT, { min: 0 }),
    downDatabases: downDatabases(env),
  };
}

/** `DEV_METRICS_HISTORY_FILE` (required), `…_HOURS`, `…_STEP_S`, `DEV_METRICS_JOB`, `DEV_METRICS_INSTANCE`. */
export function loadHistoryConfig(env: Env): HistoryConfig {
  refuseProduction(env);
  return {
    file: required(env, 'DEV_METRICS_HISTORY_FILE'),
    hours: historyHours(env),
    stepS: historyStepS(env),
    job: labelValue(env, 'DEV_METRICS_JOB', DEFAULT_JOB),
    instance: labelValue(env, 'DEV_METRICS_INSTANCE', DEFAULT_INSTANCE),
    downDatabases: downDatabases(env),
  };
}

/** The exporter, its history and a Prometheus for `npm start`. */
export function loadStackConfig(env: Env): StackConfig {
  refuseProduction(env);
  const exporterPort = port(env, 'PORT', DEFAULT_EXPORTER_PORT);
  const prometheusPort = port(env, 'DEV_METRICS_PROMETHEUS_PORT', DEFAULT_PROMETHEUS_PORT);
  if (prometheusPort === exporterPort) {
    throw new ConfigError('DEV_METRICS_PROMETHEUS_PORT', `must differ from PORT (${exporterPort})`);
  }
  return {
    exporterPort,
    prometheusPort,
    historyHours: historyHours(env),
    historyStepS: historyStepS(env),
    scrapeIntervalS: integer(env, 'DEV_METRICS_SCRAPE_INTERVAL_S', 15, 1, 300),
    downDatabases: downDatabases(env),
  };
}

function refuseProduction(env: Env): void {
  if (env['NODE_ENV'] === 'production') {
    throw new ConfigError(
      'NODE_ENV',
      'is "production": the dev exporter serves simulated figures and is for development and tests only',
    );
  }
}

function historyHours(env: Env): number {
  return integer(env, 'DEV_METRICS_HISTORY_HOURS', 24, 0, 7 * 24);
}

function historyStepS(env: Env): number {
  return integer(env, 'DEV_METRICS_HISTORY_STEP_S', 30, 5, 600);
}

function downDatabases(env: Env): ReadonlySet<string> {
  const name = 'DEV_METRICS_DOWN_DATABASES';
  if (optional(env, name) === undefined) return new Set();
  const known = DATABASES.map((database) => database.name);
  const names = list(env, name, undefined);
  for (const database of names) {
    if (!known.includes(database)) {
      throw new ConfigError(
        name,
        `names an unknown database ${quoted(database)} (known: ${known.join(', ')})`,
      );
    }
  }
  return new Set(names);
}

function labelValue(env: Env, name: string, fallback: string): string {
  const value = optional(env, name) ?? fallback;
  if (!/^[\w.:-]{1,64}$/.test(value)) {
    throw new ConfigError(
      name,
      `must be 1–64 letters, digits, "_", ".", ":" or "-" (got ${quoted(value)})`,
    );
  }
  return value;
}
