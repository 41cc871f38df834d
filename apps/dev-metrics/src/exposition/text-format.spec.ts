import { spawnSync } from 'node:child_process';
import { SimulatedExporter } from '../model/simulated-exporter';
import { escapeLabelValue, formatValue, renderTextFormat } from './text-format';

describe('renderTextFormat', () => {
  it('writes HELP, TYPE and samples, label values escaped', () => {
    const text = renderTextFormat([
      {
        name: 'oracledb_top_sql_elapsed',
        help: 'SQL statement elapsed time running',
        type: 'gauge',
        samples: [{ labels: [['sql_text', 'a "quoted" \\ path\nnext']], value: 1.5 }],
      },
    ]);
    expect(text).toBe(
      [
        '# HELP oracledb_top_sql_elapsed SQL statement elapsed time running',
        '# TYPE oracledb_top_sql_elapsed gauge',
        'oracledb_top_sql_elapsed{sql_text="a \\"quoted\\" \\\\ path\\nnext"} 1.5',
        '',
      ].join('\n'),
    );
  });

  it('formats special values as Prometheus reads them', () => {
    expect([NaN, Infinity, -Infinity, 12, 1e21].map(formatValue)).toEqual([
      'NaN',
      '+Inf',
      '-Inf',
      '12',
      '1e+21',
    ]);
    expect(escapeLabelValue('plain')).toBe('plain');
  });

  it('is a valid exposition for promtool: only the exporter’s own naming habits are flagged', () => {
    const text = renderTextFormat(new SimulatedExporter().familiesAt(Date.now() / 1000));
    const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(check.error).toBeUndefined();
    const problems = `${check.stdout}${check.stderr}`.trim().split('\n');
    // Exit 3 is "lint problems", 1 would be a text it cannot parse.
    expect(check.status).toBe(3);
    for (const problem of problems) {
      expect(problem).toMatch(
        /^oracledb_\w+ (counter metrics should have "_total" suffix|non-counter metrics should not have "_total" suffix|non-histogram and non-summary metrics should not have "_count" suffix)$/,
      );
    }
  });
});
