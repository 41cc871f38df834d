import type { DatabaseProfile } from './profile';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const GIB = 1024 ** 3;
const TIB = 1024 * GIB;

/**
 * `finprod`: core banking on a two-instance RAC. OLTP all day; an end-of-day batch at 01:00 UTC
 * (I/O waits, batch SQL at the top); a lock storm every six hours from 04:20 UTC for 12 minutes
 * (a hot account row: application, concurrency and cluster waits, commits fall, rollbacks rise).
 */
const FINPROD: DatabaseProfile = {
  name: 'finprod',
  instances: [
    { id: 1, share: 0.55, cpus: 4 },
    { id: 2, share: 0.45, cpus: 4 },
  ],
  containers: [{ id: 0, share: 1 }],
  cpu: { base: 0.2, oltp: 2.6, batch: 1.2, storm: 0.3 },
  waits: {
    user_io: { base: 0.05, oltp: 1.1, batch: 2.8 },
    system_io: { base: 0.08, oltp: 0.15, batch: 0.6 },
    commit: { base: 0.01, oltp: 0.35, batch: 0.1 },
    application: { base: 0.005, oltp: 0.03, storm: 4.5 },
    concurrency: { base: 0.005, oltp: 0.08, batch: 0.1, storm: 1.4 },
    cluster: { base: 0.02, oltp: 0.45, batch: 0.3, storm: 0.9 },
    network: { base: 0.01, oltp: 0.12 },
    configuration: { base: 0.001, batch: 0.15 },
    other: { base: 0.01, oltp: 0.04 },
    scheduler: { base: 0.001 },
  },
  activity: {
    execute_count: { base: 40, oltp: 2400, batch: 600 },
    parse_count_total: { base: 8, oltp: 310, batch: 90 },
    user_commits: { base: 2, oltp: 85, storm: -25 },
    user_rollbacks: { base: 0.05, oltp: 0.6, storm: 3 },
  },
  userSessions: 420,
  backgroundSessionsPerInstance: 58,
  batch: { periodS: DAY, startS: 1 * HOUR, durationS: 90 * MINUTE, rampS: 10 * MINUTE },
  storm: {
    periodS: 6 * HOUR,
    startS: 4 * HOUR + 20 * MINUTE,
    durationS: 12 * MINUTE,
    rampS: 2 * MINUTE,
  },
  tablespaces: [
    { name: 'SYSTEM', type: 'PERMANENT', maxBytes: 32 * GIB, baseBytes: 1.4 * GIB },
    {
      name: 'SYSAUX',
      type: 'PERMANENT',
      maxBytes: 32 * GIB,
      baseBytes: 3.1 * GIB,
      perOltpDayBytes: 0.02 * GIB,
    },
    {
      name: 'UNDOTBS1',
      type: 'UNDO',
      maxBytes: 32 * GIB,
      baseBytes: 2 * GIB,
      stormBytes: 6 * GIB,
      batchBytes: 4 * GIB,
    },
    {
      name: 'UNDOTBS2',
      type: 'UNDO',
      maxBytes: 32 * GIB,
      baseBytes: 1.7 * GIB,
      stormBytes: 5 * GIB,
      batchBytes: 3 * GIB,
    },
    {
      name: 'TEMP',
      type: 'TEMPORARY',
      maxBytes: 64 * GIB,
      baseBytes: 0.5 * GIB,
      batchBytes: 22 * GIB,
    },
    { name: 'USERS', type: 'PERMANENT', maxBytes: 32 * GIB, baseBytes: 0.2 * GIB },
    {
      name: 'FIN_DATA',
      type: 'PERMANENT',
      maxBytes: 1 * TIB,
      baseBytes: 610 * GIB,
      perOltpDayBytes: 4 * GIB,
      perBatchBytes: 9 * GIB,
    },
    {
      name: 'FIN_INDEX',
      type: 'PERMANENT',
      maxBytes: 512 * GIB,
      baseBytes: 300 * GIB,
      perOltpDayBytes: 1.5 * GIB,
      perBatchBytes: 3 * GIB,
    },
  ],
  statements: [
    {
      text: 'SELECT balance, currency FROM accounts WHERE account_id = :1',
      driver: 'oltp',
      share: 0.18,
    },
    {
      text: 'INSERT INTO ledger_entries (entry_id, account_id, amount, booked_at) VALUES (:1, :2, :3, :4)',
      driver: 'oltp',
      share: 0.14,
    },
    {
      text: 'UPDATE accounts SET balance = balance + :1 WHERE account_id = :2',
      driver: 'oltp',
      share: 0.11,
    },
    { text: 'BEGIN payments_api.authorize(:1, :2, :3); END;', driver: 'oltp', share: 0.09 },
    { text: 'SELECT * FROM customers WHERE customer_id = :1', driver: 'oltp', share: 0.07 },
    {
      text: "SELECT t.* FROM transfers t WHERE t.status = 'PENDING' AND t.due_at < :1",
      driver: 'oltp',
      share: 0.06,
    },
    {
      text: 'SELECT COUNT(*) FROM card_authorizations WHERE card_id = :1 AND at > :2',
      driver: 'oltp',
      share: 0.04,
    },
    {
      text: 'SELECT rate FROM fx_rates WHERE ccy_pair = :1 AND as_of = :2',
      driver: 'oltp',
      share: 0.03,
    },
    { text: 'DELETE FROM session_tokens WHERE expires_at < :1', driver: 'oltp', share: 0.02 },
    {
      text: 'SELECT account_id FROM accounts WHERE account_id = :1 FOR UPDATE',
      driver: 'storm',
      share: 0.55,
    },
    {
      text: 'UPDATE limits SET used = used + :1 WHERE customer_id = :2',
      driver: 'storm',
      share: 0.3,
    },
    {
      text: 'INSERT /*+ APPEND */ INTO gl_postings SELECT * FROM ledger_entries WHERE booked_at >= :1',
      driver: 'batch',
      share: 0.35,
    },
    {
      text: 'MERGE INTO account_balances b USING (SELECT account_id, SUM(amount) amount FROM ledger_entries GROUP BY account_id) s ON (b.account_id = s.account_id)',
      driver: 'batch',
      share: 0.25,
    },
    { text: 'BEGIN eod_interest.accrue(:1); END;', driver: 'batch', share: 0.2 },
    {
      text: 'SELECT /*+ FULL(l) */ account_id, SUM(amount) FROM ledger_entries l GROUP BY account_id',
      driver: 'batch',
      share: 0.12,
    },
  ],
};

/**
 * `paycdb`: SEPA payments in a container database — the root (con_id 1) and two PDBs (3, 4) —
 * on one instance. No batch; a lock storm every eight hours from 07:40 UTC for 8 minutes.
 */
const PAYCDB: DatabaseProfile = {
  name: 'paycdb',
  instances: [{ id: 1, share: 1, cpus: 4 }],
  containers: [
    { id: 1, share: 0.08 },
    { id: 3, share: 0.62 },
    { id: 4, share: 0.3 },
  ],
  cpu: { base: 0.1, oltp: 1.6, storm: 0.2 },
  waits: {
    user_io: { base: 0.03, oltp: 0.5 },
    system_io: { base: 0.05, oltp: 0.08 },
    commit: { base: 0.01, oltp: 0.45 },
    application: { base: 0.002, oltp: 0.02, storm: 2.6 },
    concurrency: { base: 0.003, oltp: 0.05, storm: 2.1 },
    network: { base: 0.01, oltp: 0.2 },
    configuration: { base: 0.001 },
    other: { base: 0.01, oltp: 0.03 },
    scheduler: { oltp: 0.04 },
    queueing: { oltp: 0.01 },
  },
  activity: {
    execute_count: { base: 30, oltp: 1800 },
    parse_count_total: { base: 6, oltp: 260 },
    user_commits: { base: 3, oltp: 140, storm: -35 },
    user_rollbacks: { base: 0.02, oltp: 0.3, storm: 2.2 },
  },
  userSessions: 260,
  backgroundSessionsPerInstance: 64,
  storm: { periodS: 8 * HOUR, startS: 7 * HOUR + 40 * MINUTE, durationS: 8 * MINUTE, rampS: 90 },
  // The exporter connects to the root: dba_tablespaces lists the root's own.
  tablespaces: [
    { name: 'SYSTEM', type: 'PERMANENT', maxBytes: 32 * GIB, baseBytes: 1.1 * GIB },
    {
      name: 'SYSAUX',
      type: 'PERMANENT',
      maxBytes: 32 * GIB,
      baseBytes: 2.4 * GIB,
      perOltpDayBytes: 0.01 * GIB,
    },
    {
      name: 'UNDOTBS1',
      type: 'UNDO',
      maxBytes: 32 * GIB,
      baseBytes: 1.5 * GIB,
      stormBytes: 3 * GIB,
    },
    { name: 'TEMP', type: 'TEMPORARY', maxBytes: 32 * GIB, baseBytes: 1.2 * GIB },
    { name: 'USERS', type: 'PERMANENT', maxBytes: 32 * GIB, baseBytes: 0.1 * GIB },
  ],
  statements: [
    {
      text: 'INSERT INTO payments (payment_id, debtor_iban, creditor_iban, amount) VALUES (:1, :2, :3, :4)',
      driver: 'oltp',
      share: 0.16,
    },
    { text: 'UPDATE payments SET status = :1 WHERE payment_id = :2', driver: 'oltp', share: 0.14 },
    { text: 'SELECT status FROM payments WHERE end_to_end_id = :1', driver: 'oltp', share: 0.12 },
    { text: 'BEGIN sepa_clearing.submit(:1); END;', driver: 'oltp', share: 0.1 },
    { text: 'SELECT * FROM mandates WHERE mandate_id = :1', driver: 'oltp', share: 0.07 },
    {
      text: 'INSERT INTO payment_events (payment_id, event, at) VALUES (:1, :2, :3)',
      driver: 'oltp',
      share: 0.06,
    },
    {
      text: 'SELECT iban, bic FROM beneficiaries WHERE customer_id = :1',
      driver: 'oltp',
      share: 0.05,
    },
    {
      text: "SELECT COUNT(*) FROM payments WHERE batch_id = :1 AND status = 'NEW'",
      driver: 'oltp',
      share: 0.04,
    },
    {
      text: 'SELECT * FROM payment_batches WHERE batch_id = :1 FOR UPDATE',
      driver: 'storm',
      share: 0.6,
    },
    {
      text: 'UPDATE payment_batches SET total = total + :1 WHERE batch_id = :2',
      driver: 'storm',
      share: 0.3,
    },
  ],
};

/**
 * `dwh`: the data warehouse, one instance. Reports by day; the nightly load from 00:30 UTC for
 * three and a half hours (user and system I/O, TEMP and staging fill up, load SQL at the top).
 */
const DWH: DatabaseProfile = {
  name: 'dwh',
  instances: [{ id: 1, share: 1, cpus: 8 }],
  containers: [{ id: 0, share: 1 }],
  cpu: { base: 0.15, oltp: 0.9, batch: 3.2 },
  waits: {
    user_io: { base: 0.05, oltp: 1.4, batch: 6.5 },
    system_io: { base: 0.05, oltp: 0.1, batch: 1.6 },
    commit: { base: 0.005, batch: 0.25 },
    configuration: { batch: 0.35 },
    concurrency: { oltp: 0.03, batch: 0.2 },
    network: { oltp: 0.05, batch: 0.1 },
    other: { base: 0.01, batch: 0.1 },
    application: { oltp: 0.005 },
    administrative: { batch: 0.02 },
  },
  activity: {
    execute_count: { base: 5, oltp: 120, batch: 900 },
    parse_count_total: { base: 1, oltp: 40, batch: 60 },
    user_commits: { base: 0.2, oltp: 1.5, batch: 30 },
    user_rollbacks: { base: 0.001, oltp: 0.02, batch: 0.1 },
  },
  userSessions: 90,
  backgroundSessionsPerInstance: 52,
  batch: { periodS: DAY, startS: 30 * MINUTE, durationS: 3.5 * HOUR, rampS: 15 * MINUTE },
  tablespaces: [
    { name: 'SYSTEM', type: 'PERMANENT', maxBytes: 32 * GIB, baseBytes: 1.2 * GIB },
    {
      name: 'SYSAUX',
      type: 'PERMANENT',
      maxBytes: 32 * GIB,
      baseBytes: 4.2 * GIB,
      perBatchBytes: 0.05 * GIB,
    },
    { name: 'UNDOTBS1', type: 'UNDO', maxBytes: 64 * GIB, baseBytes: 3 * GIB, batchBytes: 8 * GIB },
    {
      name: 'TEMP',
      type: 'TEMPORARY',
      maxBytes: 256 * GIB,
      baseBytes: 2 * GIB,
      batchBytes: 140 * GIB,
    },
    { name: 'USERS', type: 'PERMANENT', maxBytes: 32 * GIB, baseBytes: 0.3 * GIB },
    {
      name: 'DWH_FACTS',
      type: 'PERMANENT',
      maxBytes: 8 * TIB,
      baseBytes: 5.2 * TIB,
      perBatchBytes: 85 * GIB,
    },
    {
      name: 'DWH_INDEX',
      type: 'PERMANENT',
      maxBytes: 2 * TIB,
      baseBytes: 1.1 * TIB,
      perBatchBytes: 20 * GIB,
    },
    {
      name: 'DWH_STAGE',
      type: 'PERMANENT',
      maxBytes: 2 * TIB,
      baseBytes: 0.3 * TIB,
      batchBytes: 600 * GIB,
    },
  ],
  statements: [
    {
      text: 'SELECT d.region, SUM(f.amount) FROM sales_fact f JOIN dim_store d ON d.store_id = f.store_id GROUP BY d.region',
      driver: 'oltp',
      share: 0.25,
    },
    {
      text: 'SELECT product_id, SUM(qty) FROM sales_fact WHERE sale_date >= :1 GROUP BY product_id',
      driver: 'oltp',
      share: 0.18,
    },
    { text: 'SELECT * FROM v_customer_360 WHERE customer_id = :1', driver: 'oltp', share: 0.12 },
    {
      text: 'SELECT COUNT(DISTINCT customer_id) FROM sales_fact WHERE sale_date BETWEEN :1 AND :2',
      driver: 'oltp',
      share: 0.08,
    },
    {
      text: 'INSERT /*+ APPEND PARALLEL(8) */ INTO sales_fact SELECT * FROM stage_sales',
      driver: 'batch',
      share: 0.3,
    },
    { text: "BEGIN dbms_mview.refresh('MV_SALES_DAILY', 'C'); END;", driver: 'batch', share: 0.2 },
    {
      text: 'MERGE INTO dim_customer d USING stage_customers s ON (d.customer_id = s.customer_id)',
      driver: 'batch',
      share: 0.15,
    },
    { text: 'SELECT /*+ PARALLEL(8) */ * FROM ext_sales_feed', driver: 'batch', share: 0.12 },
    { text: 'DELETE FROM stage_sales WHERE load_id < :1', driver: 'batch', share: 0.05 },
  ],
};

/** The simulated databases, in the order the exporter's configuration lists them. */
export const DATABASES: readonly DatabaseProfile[] = [FINPROD, PAYCDB, DWH];
