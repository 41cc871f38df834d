import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prometheusConfig } from './prometheus-config';

describe('prometheusConfig', () => {
  const text = prometheusConfig({
    scrapeIntervalS: 2,
    targets: [
      { address: '127.0.0.1:9161', job: 'oracledb', instance: 'dev-metrics' },
      { address: '127.0.0.1:9162', job: 'oracledb', instance: 'second' },
      { address: '127.0.0.1:9100', job: 'node', instance: 'host' },
    ],
    queryLogFile: '/tmp/queries.log',
  });

  it('scrapes every target at the interval, instance labels set, one job each', () => {
    expect(JSON.parse(text)).toEqual({
      global: {
        scrape_interval: '2s',
        scrape_timeout: '2s',
        evaluation_interval: '2s',
        query_log_file: '/tmp/queries.log',
      },
      scrape_configs: [
        {
          job_name: 'oracledb',
          static_configs: [
            { targets: ['127.0.0.1:9161'], labels: { instance: 'dev-metrics' } },
            { targets: ['127.0.0.1:9162'], labels: { instance: 'second' } },
          ],
        },
        {
          job_name: 'node',
          static_configs: [{ targets: ['127.0.0.1:9100'], labels: { instance: 'host' } }],
        },
      ],
    });
  });

  it('is a configuration Prometheus accepts (promtool check config)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'util-dev-prometheus-'));
    try {
      const file = join(dir, 'prometheus.yml');
      writeFileSync(file, text);
      const check = spawnSync('promtool', ['check', 'config', file], { encoding: 'utf8' });
      expect([check.status, check.stdout]).toEqual([0, expect.stringContaining('SUCCESS')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
