import { loadExporterConfig, loadHistoryConfig, loadStackConfig } from './config';

describe('dev-metrics configuration', () => {
  it('has the defaults of npm start', () => {
    expect(loadExporterConfig({})).toEqual({ port: 9161, downDatabases: new Set() });
    expect(loadStackConfig({})).toEqual({
      exporterPort: 9161,
      prometheusPort: 9090,
      historyHours: 24,
      historyStepS: 30,
      scrapeIntervalS: 15,
      downDatabases: new Set(),
    });
    expect(loadHistoryConfig({ DEV_METRICS_HISTORY_FILE: '/tmp/h.om' })).toEqual({
      file: '/tmp/h.om',
      hours: 24,
      stepS: 30,
      job: 'oracledb',
      instance: 'dev-metrics',
      downDatabases: new Set(),
    });
  });

  it.each([
    [
      { NODE_ENV: 'production' },
      /^NODE_ENV is "production": the dev exporter serves simulated figures/,
    ],
    [{ PORT: '70000' }, /^PORT must be a whole number from 0 to 65535 \(got "70000"\)$/],
    [
      { DEV_METRICS_DOWN_DATABASES: 'finprod,prod"x' },
      /^DEV_METRICS_DOWN_DATABASES names an unknown database "prod\\"x" \(known: finprod, paycdb, dwh\)$/,
    ],
  ])('the exporter refuses %p', (env, message) => {
    expect(() => loadExporterConfig(env)).toThrow(message);
  });

  it.each([
    [
      { DEV_METRICS_PROMETHEUS_PORT: '9161' },
      'DEV_METRICS_PROMETHEUS_PORT must differ from PORT (9161)',
    ],
    [
      { DEV_METRICS_HISTORY_HOURS: '200' },
      'DEV_METRICS_HISTORY_HOURS must be a whole number from 0 to 168 (got "200")',
    ],
    [
      { DEV_METRICS_SCRAPE_INTERVAL_S: '0' },
      'DEV_METRICS_SCRAPE_INTERVAL_S must be a whole number from 1 to 300 (got "0")',
    ],
  ])('the stack refuses %p', (env, message) => {
    expect(() => loadStackConfig(env)).toThrow(message);
  });

  it.each([
    [{}, 'DEV_METRICS_HISTORY_FILE is required'],
    [
      { DEV_METRICS_HISTORY_FILE: 'h', DEV_METRICS_JOB: 'a b' },
      'DEV_METRICS_JOB must be 1–64 letters, digits, "_", ".", ":" or "-" (got "a b")',
    ],
    [
      { DEV_METRICS_HISTORY_FILE: 'h', DEV_METRICS_HISTORY_STEP_S: '1' },
      'DEV_METRICS_HISTORY_STEP_S must be a whole number from 5 to 600 (got "1")',
    ],
  ])('the history refuses %p', (env, message) => {
    expect(() => loadHistoryConfig(env)).toThrow(message);
  });
});
