/**
 * What a simulated database is: its instances and containers, how much of each kind of work it
 * does, its incidents, tablespaces and SQL. Plain data; `workload.ts` turns it into figures.
 */

/**
 * Oracle's non-idle wait classes as the exporter names them: `gv$system_wait_class.wait_class`
 * lower-cased, spaces to `_`, `/` dropped ("User I/O" → `user_io`). Written here, not imported
 * from the API: this server stands in for Oracle's exporter, and the API's contract test
 * (`apps/api/src/exporter-contract.int-spec.ts`) checks the API's own list against what it serves.
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

export type WaitClass = (typeof WAIT_CLASSES)[number];

/**
 * How much of a rate each driver contributes: a constant floor, the daytime OLTP load (0.3 at
 * night to about 1 at the early-afternoon peak), and the incidents at their height.
 */
export interface Mix {
  base?: number;
  oltp?: number;
  batch?: number;
  storm?: number;
}

/** A scripted incident: once every `periodS` from `startS` (unix seconds, mod the period). */
export interface IncidentSchedule {
  periodS: number;
  startS: number;
  durationS: number;
  rampS: number;
}

export interface TablespaceProfile {
  name: string;
  type: 'PERMANENT' | 'UNDO' | 'TEMPORARY';
  maxBytes: number;
  baseBytes: number;
  /** Bytes added per batch run since the weekly purge (Monday 00:00 UTC). */
  perBatchBytes?: number;
  /** Bytes added per day of OLTP work since the weekly purge. */
  perOltpDayBytes?: number;
  /** Bytes in use while an incident is at its height (sort space, undo). */
  batchBytes?: number;
  stormBytes?: number;
}

export interface StatementProfile {
  text: string;
  /** Which work it belongs to; its elapsed time is `share` of that work's DB time. */
  driver: 'oltp' | 'batch' | 'storm';
  share: number;
  /**
   * How often the cursor is reloaded (its cumulative figures restart), from `reloadAtS` — OLTP
   * cursors age out of the shared pool; batch cursors are loaded when the batch starts.
   */
  reloadEveryS?: number;
  reloadAtS?: number;
}

export interface DatabaseProfile {
  /** The exporter's `database` label: the name given to the database in its configuration. */
  name: string;
  /**
   * `inst_id` values (two or more: RAC), with each one's part of the work and the CPUs its host
   * gives it (`gv$osstat` `NUM_CPUS`).
   */
  instances: readonly { id: number; share: number; cpus: number }[];
  /** `con_id` values with each one's part: `[{ id: 0 }]` for a non-CDB, root (1) and PDBs for a CDB. */
  containers: readonly { id: number; share: number }[];
  /** DB CPU (s/s) by driver. */
  cpu: Mix;
  /** Wait time (s/s) per class by driver. */
  waits: Partial<Record<WaitClass, Mix>>;
  /** `gv$sysstat` rates (per second) by driver. */
  activity: Record<'execute_count' | 'parse_count_total' | 'user_commits' | 'user_rollbacks', Mix>;
  /** Connected user sessions at the daytime peak, across instances. */
  userSessions: number;
  backgroundSessionsPerInstance: number;
  batch?: IncidentSchedule;
  storm?: IncidentSchedule;
  tablespaces: readonly TablespaceProfile[];
  statements: readonly StatementProfile[];
}
