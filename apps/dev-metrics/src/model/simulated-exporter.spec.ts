import { SimulatedExporter, type MetricFamily } from './simulated-exporter';
import { sqlIdOf, TOP_SQL_ROWS } from './top-sql';

const T = Date.UTC(2026, 10, 24, 1, 40) / 1000;

function family(families: MetricFamily[], name: string): MetricFamily {
  const found = families.find((f) => f.name === name);
  if (found === undefined) throw new Error(`no ${name}`);
  return found;
}

const labelsOf = (f: MetricFamily, database: string) =>
  f.samples
    .filter((s) => s.labels.some(([n, v]) => n === 'database' && v === database))
    .map((s) => Object.fromEntries(s.labels));

describe('SimulatedExporter', () => {
  const families = new SimulatedExporter().familiesAt(T);

  it('writes the exporter’s metric names, sorted, with their types', () => {
    const types = Object.fromEntries(families.map((f) => [f.name, f.type]));
    expect(types).toMatchObject({
      oracledb_up: 'gauge',
      oracledb_wait_time_user_io: 'counter',
      oracledb_wait_time_system_io: 'counter',
      oracledb_wait_time_queueing: 'counter',
      oracledb_time_model_db_time: 'counter',
      oracledb_time_model_db_cpu: 'counter',
      oracledb_cpu_count: 'gauge',
      oracledb_activity_execute_count: 'gauge',
      oracledb_activity_parse_count_total: 'gauge',
      oracledb_activity_user_commits: 'gauge',
      oracledb_activity_user_rollbacks: 'gauge',
      oracledb_sessions_value: 'gauge',
      oracledb_tablespace_bytes: 'gauge',
      oracledb_tablespace_max_bytes: 'gauge',
      oracledb_tablespace_free: 'gauge',
      oracledb_tablespace_used_percent: 'gauge',
      oracledb_top_sql_elapsed: 'gauge',
    });
    const names = families.map((f) => f.name);
    expect(names).toEqual([...names].sort());
  });

  it('labels: database everywhere; inst_id for the RAC, con_id for the CDB', () => {
    const waits = family(families, 'oracledb_wait_time_application');
    expect(labelsOf(waits, 'finprod')).toEqual([
      { con_id: '0', database: 'finprod', inst_id: '1' },
      { con_id: '0', database: 'finprod', inst_id: '2' },
    ]);
    expect(labelsOf(waits, 'paycdb').map((l) => l['con_id'])).toEqual(['1', '3', '4']);
    expect(labelsOf(family(families, 'oracledb_activity_user_commits'), 'finprod')).toEqual([
      { database: 'finprod', inst_id: '1' },
      { database: 'finprod', inst_id: '2' },
    ]);
    expect(labelsOf(family(families, 'oracledb_sessions_value'), 'dwh')).toEqual([
      { database: 'dwh', inst_id: '1', status: 'ACTIVE', type: 'USER' },
      { database: 'dwh', inst_id: '1', status: 'INACTIVE', type: 'USER' },
      { database: 'dwh', inst_id: '1', status: 'ACTIVE', type: 'BACKGROUND' },
    ]);
    for (const f of families)
      for (const sample of f.samples) {
        const names = sample.labels.map(([name]) => name);
        expect(names).toEqual([...names].sort());
      }
  });

  it('CPU count: one gauge per instance, from the profile (what gv$osstat NUM_CPUS reports)', () => {
    const cpus = family(families, 'oracledb_cpu_count');
    expect(cpus.type).toBe('gauge');
    expect(cpus.samples.map((s) => [Object.fromEntries(s.labels), s.value])).toEqual([
      [{ database: 'finprod', inst_id: '1' }, 4],
      [{ database: 'finprod', inst_id: '2' }, 4],
      [{ database: 'paycdb', inst_id: '1' }, 4],
      [{ database: 'dwh', inst_id: '1' }, 8],
    ]);
  });

  it('tablespaces: used percent as the exporter computes it — a fraction for TEMPORARY', () => {
    const percent = family(families, 'oracledb_tablespace_used_percent').samples;
    const bytes = family(families, 'oracledb_tablespace_bytes').samples;
    const max = family(families, 'oracledb_tablespace_max_bytes').samples;
    percent.forEach((sample, i) => {
      const ratio = bytes[i].value / max[i].value;
      const type = Object.fromEntries(sample.labels)['type'];
      expect(sample.value).toBeCloseTo(type === 'TEMPORARY' ? ratio : 100 * ratio, 9);
    });
  });

  it('top SQL: at most 15 rows a database, real-looking sql_ids, texts cut to 55 bytes', () => {
    const rows = family(families, 'oracledb_top_sql_elapsed').samples.map((s) =>
      Object.fromEntries(s.labels),
    );
    for (const database of ['finprod', 'paycdb', 'dwh']) {
      const count = rows.filter((r) => r['database'] === database).length;
      expect(count).toBeGreaterThan(0);
      expect(count).toBeLessThanOrEqual(TOP_SQL_ROWS);
    }
    for (const row of rows) {
      expect(row['sql_id']).toMatch(/^[0-9abcdfghjkmnpqrstuvwxyz]{13}$/);
      expect(Buffer.byteLength(row['sql_text'])).toBeLessThanOrEqual(55);
    }
    expect(sqlIdOf('SELECT 1 FROM dual')).toBe(sqlIdOf('SELECT 1 FROM dual'));
  });

  it('top SQL changes with the batch: ranked by elapsed time gained, end-of-day SQL leads during it', () => {
    const batchSql = sqlIdOf(
      'INSERT /*+ APPEND */ INTO gl_postings SELECT * FROM ledger_entries WHERE booked_at >= :1',
    );
    const elapsed = (t: number) => {
      const bySqlId = new Map<string, number>();
      for (const sample of family(new SimulatedExporter().familiesAt(t), 'oracledb_top_sql_elapsed')
        .samples) {
        const labels = Object.fromEntries(sample.labels);
        if (labels['database'] !== 'finprod') continue;
        bySqlId.set(labels['sql_id'], (bySqlId.get(labels['sql_id']) ?? 0) + sample.value);
      }
      return bySqlId;
    };
    const leaderOver = (from: number, to: number) => {
      const [before, after] = [elapsed(from), elapsed(to)];
      const gains = [...after].map(
        ([sqlId, value]) => [sqlId, value - (before.get(sqlId) ?? 0)] as const,
      );
      return gains.sort((a, b) => b[1] - a[1])[0][0];
    };
    expect(leaderOver(T - 1800, T)).toBe(batchSql);
    const afternoon = T + 12 * 3600;
    expect(leaderOver(afternoon - 1800, afternoon)).not.toBe(batchSql);
  });

  it('a database it cannot reach reports oracledb_up 0 and nothing else', () => {
    const down = new SimulatedExporter({ downDatabases: new Set(['paycdb']) }).familiesAt(T);
    expect(labelsOf(family(down, 'oracledb_up'), 'paycdb')).toEqual([{ database: 'paycdb' }]);
    expect(family(down, 'oracledb_up').samples.map((s) => s.value)).toEqual([1, 0, 1]);
    for (const f of down.filter((f) => f.name !== 'oracledb_up'))
      expect(labelsOf(f, 'paycdb')).toEqual([]);
  });
});
