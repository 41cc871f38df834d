import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queryPrometheus } from './prometheus-api';
import { startPrometheus, type RunningPrometheus } from './start-prometheus';

jest.setTimeout(60_000);

describe('startPrometheus', () => {
  let exporter: Server;
  let dir: string;
  let prometheus: RunningPrometheus;
  const now = Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    exporter = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end('# TYPE probe_value gauge\nprobe_value{database="db1"} 42\n');
    });
    await new Promise<void>((resolve) => exporter.listen(0, '127.0.0.1', resolve));
    dir = mkdtempSync(join(tmpdir(), 'testing-prometheus-spec-'));
    const history = join(dir, 'history.om');
    const lines = ['# TYPE probe_value gauge'];
    for (let ago = 3600; ago >= 60; ago -= 60) {
      lines.push(`probe_value{database="db1",instance="probe",job="test"} ${ago} ${now - ago}`);
    }
    writeFileSync(history, `${lines.join('\n')}\n# EOF\n`);
    prometheus = await startPrometheus({
      targets: [
        {
          address: `127.0.0.1:${(exporter.address() as AddressInfo).port}`,
          job: 'test',
          instance: 'probe',
        },
      ],
      backfill: [history],
    });
  });

  afterAll(async () => {
    await prometheus?.stop();
    await new Promise((resolve) => exporter.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the backfilled history and live scrapes as one series', async () => {
    const history = await queryPrometheus(prometheus.url, 'probe_value', {
      start: now - 3600,
      end: now - 60,
      step: 600,
    });
    expect(history).toEqual([
      {
        metric: { __name__: 'probe_value', database: 'db1', instance: 'probe', job: 'test' },
        values: [3600, 3000, 2400, 1800, 1200, 600].map((ago) => [now - ago, String(ago)]),
      },
    ]);
    let live: unknown[] = [];
    for (let i = 0; i < 100 && live.length === 0; i++) {
      live = await queryPrometheus(prometheus.url, 'probe_value == 42', {
        time: Date.now() / 1000,
      });
      if (live.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(live).toHaveLength(1);
  });

  it('logs every query it runs', async () => {
    await queryPrometheus(prometheus.url, 'count(probe_value{database="db1"})', { time: now });
    expect(prometheus.queries()).toContainEqual({
      query: 'count(probe_value{database="db1"})',
      path: '/api/v1/query',
    });
  });

  it('fails with what promtool said when a history cannot be loaded', async () => {
    const broken = join(dir, 'broken.om');
    writeFileSync(broken, 'not openmetrics at all\n');
    await expect(startPrometheus({ backfill: [broken] })).rejects.toThrow(
      /^promtool could not backfill .*broken\.om \(exit 1\)/,
    );
  });

  it('stops, and removes its store', async () => {
    const other = await startPrometheus();
    const flags = (await (await fetch(`${other.url}/api/v1/status/flags`)).json()) as {
      data: Record<string, string>;
    };
    const path = flags.data['storage.tsdb.path'];
    expect(existsSync(path)).toBe(true);
    await other.stop();
    expect(existsSync(path)).toBe(false);
    await expect(fetch(`${other.url}/-/ready`)).rejects.toThrow();
  });

  it('names the package to install when Prometheus is missing', async () => {
    const path = process.env['PATH'];
    process.env['PATH'] = '/nonexistent';
    try {
      await expect(startPrometheus()).rejects.toThrow(
        'Prometheus is needed for this test: install it with `sudo apt-get install -y prometheus`',
      );
    } finally {
      process.env['PATH'] = path;
    }
  });
});
