import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXPORTER_METRICS } from '@oracle-ai/api/feature-analytics';
import { startDevMetrics, type RunningDevMetrics } from '@oracle-ai/shared/testing-dev-metrics';
import { parsePrometheusText, type Sample } from './testing/prometheus-text';

jest.setTimeout(30_000);

/**
 * The metric names and labels the analytics queries read, pinned against what the dev exporter
 * serves (which follows oracle-db-appdev-monitoring's default metrics and the project's
 * time_model custom metrics): renaming either side fails here, not on the analytics page.
 */
describe('the exporter metrics the API reads', () => {
  let exporter: RunningDevMetrics;
  let text: string;
  let samples: Sample[];

  beforeAll(async () => {
    exporter = await startDevMetrics();
    text = await (await fetch(`http://${exporter.address}/metrics`)).text();
    samples = parsePrometheusText(text);
  });

  afterAll(async () => {
    await exporter?.stop();
  });

  it.each(EXPORTER_METRICS.map((metric) => [metric.name, metric.labels]))(
    '%s is served with the labels %p, for every simulated database',
    (name, labels) => {
      const found = samples.filter((sample) => sample.name === name);
      expect(found.length).toBeGreaterThan(0);
      for (const sample of found) {
        expect([name, labels.filter((label) => sample.labels[label] === undefined)]).toEqual([
          name,
          [],
        ]);
      }
      expect(new Set(found.map((sample) => sample.labels['database']))).toEqual(
        new Set(['finprod', 'paycdb', 'dwh']),
      );
    },
  );

  it('the RAC database has two inst_id, the CDB its con_id: what the panels sum over', () => {
    const waits = samples.filter((sample) => sample.name === 'oracledb_wait_time_user_io');
    const of = (database: string, label: string) =>
      [
        ...new Set(
          waits.filter((s) => s.labels['database'] === database).map((s) => s.labels[label]),
        ),
      ].sort();
    expect(of('finprod', 'inst_id')).toEqual(['1', '2']);
    expect(of('paycdb', 'con_id')).toEqual(['1', '3', '4']);
    for (const name of ['oracledb_time_model_db_time', 'oracledb_time_model_db_cpu']) {
      const series = samples.filter(
        (sample) => sample.name === name && sample.labels['database'] === 'paycdb',
      );
      expect(series.map((sample) => sample.labels['con_id']).sort()).toEqual(['1', '3', '4']);
    }
  });

  it('DB time covers DB CPU and every non-idle wait, database by database', () => {
    const total = (name: string | RegExp, database: string) =>
      samples
        .filter(
          (s) =>
            (typeof name === 'string' ? s.name === name : name.test(s.name)) &&
            s.labels['database'] === database,
        )
        .reduce((sum, s) => sum + s.value, 0);
    for (const database of ['finprod', 'paycdb', 'dwh']) {
      const dbTime = total('oracledb_time_model_db_time', database);
      expect(dbTime).toBeGreaterThanOrEqual(
        total('oracledb_time_model_db_cpu', database) + total(/^oracledb_wait_time_/, database),
      );
    }
  });

  /** The shipped custom metrics, one `[[metric]]` block each, by context. */
  const customMetrics = () => {
    const toml = readFileSync(
      resolve(__dirname, '../deploy/oracledb-exporter/custom-metrics.toml'),
      'utf8',
    );
    const blocks = toml.split('[[metric]]').slice(1);
    const field = (block: string, name: string) =>
      new RegExp(`^${name} = (.+)$`, 'm').exec(block)?.[1];
    return new Map(
      blocks.map((block) => [
        field(block, 'context'),
        { block, field: (name: string) => field(block, name) },
      ]),
    );
  };

  it('the time_model metrics are what the shipped custom-metrics.toml makes the exporter write', () => {
    const timeModel = customMetrics().get('"time_model"');
    if (timeModel === undefined) throw new Error('no time_model metric in custom-metrics.toml');
    const { block, field } = timeModel;
    expect([field('fieldtoappend'), field('metricstype')]).toEqual([
      '"stat_name"',
      '{ value = "counter" }',
    ]);
    expect(field('labels')).toBe('[ "inst_id", "con_id", "stat_name" ]');
    expect(block).toMatch(/value \/ 1000000 as value/);
    // The exporter appends the row's stat_name, cleaned: lower case, spaces to "_".
    const statNames = [
      ...(/stat_name in \(([^)]*)\)/.exec(block)?.[1] ?? '').matchAll(/'([^']+)'/g),
    ].map((m) => m[1]);
    const names = statNames.map(
      (stat) => `oracledb_time_model_${stat.toLowerCase().replace(/ /g, '_')}`,
    );
    expect(names).toEqual(
      EXPORTER_METRICS.filter((m) => m.name.startsWith('oracledb_time_model_')).map((m) => m.name),
    );
    const help = /metricsdesc = \{ value = "([^"]+)" \}/.exec(block)?.[1];
    for (const name of names) {
      expect(text).toContain(`# HELP ${name} ${help}\n# TYPE ${name} counter\n`);
    }
  });

  it('the CPU count is what the shipped custom-metrics.toml makes the exporter write: a gauge per instance', () => {
    const cpu = customMetrics().get('"cpu"');
    if (cpu === undefined) throw new Error('no cpu metric in custom-metrics.toml');
    const { block, field } = cpu;
    // No metricstype: a gauge. The name is oracledb_<context>_<column>.
    expect([field('labels'), field('metricstype')]).toEqual(['[ "inst_id" ]', undefined]);
    const [, column, help] = /metricsdesc = \{ (\w+) = "([^"]+)" \}/.exec(block) ?? [];
    expect(`oracledb_cpu_${column}`).toBe('oracledb_cpu_count');
    expect(EXPORTER_METRICS.map((m) => m.name)).toContain('oracledb_cpu_count');
    expect(block).toMatch(
      /select inst_id, value as count\s+from gv\$osstat\s+where stat_name = 'NUM_CPUS'/,
    );
    expect(text).toContain(`# HELP oracledb_cpu_count ${help}\n# TYPE oracledb_cpu_count gauge\n`);
    const instances = samples
      .filter((sample) => sample.name === 'oracledb_cpu_count')
      .map((sample) => [sample.labels['database'], sample.labels['inst_id']]);
    expect(instances).toEqual([
      ['finprod', '1'],
      ['finprod', '2'],
      ['paycdb', '1'],
      ['dwh', '1'],
    ]);
  });
});
