import { ANALYTICS_PANELS } from '@oracle-ai/shared/util-api-contract';
import { PANELS, panelNamed, type RankedPanel, type SeriesPanel } from './panel-catalogue';

const series = (name: string) => PANELS[name as keyof typeof PANELS] as SeriesPanel;

describe('the panel catalogue', () => {
  it('has a definition for every panel of the contract, and nothing from Object.prototype', () => {
    expect(Object.keys(PANELS).sort()).toEqual([...ANALYTICS_PANELS].sort());
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty'])
      expect(panelNamed(name)).toBeUndefined();
    expect(panelNamed('db-time')).toBe(PANELS['db-time']);
  });

  it('AAS by wait class: the rate of each class, summed over instances and containers, joined with or', () => {
    const query = series('aas-by-wait-class').query('finprod', 120);
    const terms = query.split(' or ');
    expect(terms).toHaveLength(12);
    expect(terms[0]).toBe(
      'label_replace(sum(rate(oracledb_wait_time_administrative{database="finprod"}[120s])), "wait_class", "administrative", "", "")',
    );
    expect(terms.at(-1)).toBe(
      'label_replace(sum(rate(oracledb_wait_time_user_io{database="finprod"}[120s])), "wait_class", "user_io", "", "")',
    );
    expect(query).not.toContain('__name__');
  });

  it('DB time and activity: rates of the counters, one series each; the CPUs as the most seen in each step', () => {
    expect(series('db-time').query('dwh', 300).split(' or ')).toEqual([
      'label_replace(sum(rate(oracledb_time_model_db_time{database="dwh"}[300s])), "stat", "db_time", "", "")',
      'label_replace(sum(rate(oracledb_time_model_db_cpu{database="dwh"}[300s])), "stat", "db_cpu", "", "")',
      'label_replace(sum(max_over_time(oracledb_cpu_count{database="dwh"}[300s])), "stat", "cpu_count", "", "")',
    ]);
    expect(series('db-time').order).toEqual(['db_time', 'db_cpu', 'cpu_count']);
    expect(
      series('activity')
        .query('dwh', 120)
        .split(' or ')
        .map((term) => /oracledb_activity_(\w+)\{/.exec(term)?.[1]),
    ).toEqual(['execute_count', 'parse_count_total', 'user_commits', 'user_rollbacks']);
  });

  it('sessions by status and type, averaged per step; tablespaces in percent from bytes', () => {
    expect(series('sessions').query('paycdb', 120)).toBe(
      'sum by (status, type) (avg_over_time(oracledb_sessions_value{database="paycdb"}[120s]))',
    );
    expect(series('sessions').nameOf({ status: 'ACTIVE', type: 'USER' })).toBe('ACTIVE USER');
    expect(series('sessions').nameOf({ status: 'ACTIVE' })).toBeUndefined();
    expect(series('tablespaces').query('paycdb', 600)).toBe(
      '100 * max by (tablespace) (max_over_time(oracledb_tablespace_bytes{database="paycdb"}[600s])) / max by (tablespace) (max_over_time(oracledb_tablespace_max_bytes{database="paycdb"}[600s]) > 0)',
    );
  });

  it('top SQL: ranked by elapsed time gained over the range, then read for the ten sql_ids only', () => {
    const topSql = PANELS['top-sql'] as RankedPanel;
    expect(topSql.rank('finprod', 3600)).toBe(
      'topk(10, sum by (sql_id) (increase(oracledb_top_sql_elapsed{database="finprod"}[3600s])))',
    );
    expect(topSql.query('finprod', ['3pk3nx8ttj6jw', '9zj2q1dtx357p'], 120)).toBe(
      'sum by (sql_id) (rate(oracledb_top_sql_elapsed{database="finprod",sql_id=~"3pk3nx8ttj6jw|9zj2q1dtx357p"}[120s]))',
    );
    for (const value of ['3pk3nx8ttj6jw', '0000000000000'])
      expect(topSql.valuePattern.test(value)).toBe(true);
    for (const value of [
      '.*',
      'a|b',
      '3pk3nx8ttj6j',
      '3PK3NX8TTJ6JW',
      '3pk3nx8ttj6jw\n',
      '3pk3nx8ttj6jw"',
    ]) {
      expect(topSql.valuePattern.test(value)).toBe(false);
    }
  });

  it('a database name is always a quoted, escaped exact matcher', () => {
    const hostile = 'x"} or vector(1) #\n';
    for (const panel of Object.values(PANELS)) {
      const query = panel.kind === 'series' ? panel.query(hostile, 120) : panel.rank(hostile, 3600);
      expect(query).toContain('{database="x\\"} or vector(1) #\\x0a"');
      expect(query).not.toContain(hostile);
    }
  });
});
