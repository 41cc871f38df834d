import { existsSync } from 'node:fs';
import {
  builtApp,
  findFreePort,
  startNodeProcess,
  type RunningProcess,
} from '@oracle-ai/shared/testing-node-process';

// Runs the built launcher: `nx test dev-metrics` builds it first (see project.json).
jest.setTimeout(90_000);

const DEV_STACK = builtApp('dev-metrics', 'dev-stack.js');

async function query(
  prometheus: number,
  promql: string,
): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
  const response = await fetch(`http://127.0.0.1:${prometheus}/api/v1/query`, {
    method: 'POST',
    body: new URLSearchParams({ query: promql }),
  });
  return ((await response.json()) as { data: { result: never[] } }).data.result;
}

async function refused(port: number): Promise<boolean> {
  return fetch(`http://127.0.0.1:${port}/`).then(
    () => false,
    () => true,
  );
}

describe('dev-stack (npm start’s figures source)', () => {
  let stack: RunningProcess;
  let exporterPort: number;
  let prometheusPort: number;

  beforeAll(async () => {
    exporterPort = await findFreePort();
    prometheusPort = await findFreePort();
    stack = await startNodeProcess({
      ...DEV_STACK,
      name: 'dev-stack',
      env: {
        PATH: process.env['PATH'],
        PORT: String(exporterPort),
        DEV_METRICS_PROMETHEUS_PORT: String(prometheusPort),
        DEV_METRICS_HISTORY_HOURS: '2',
        DEV_METRICS_SCRAPE_INTERVAL_S: '1',
      },
      readyWhen: { outputIncludes: 'dev-metrics: Prometheus listening' },
      readyTimeoutMs: 60_000,
    });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('serves the backfilled history and the live scrapes under the same series', async () => {
    const history = await query(prometheusPort, 'count_over_time(oracledb_up{database="dwh"}[3h])');
    expect(history).toEqual([
      {
        metric: { database: 'dwh', instance: 'dev-metrics', job: 'oracledb' },
        value: [expect.any(Number), expect.any(String)],
      },
    ]);
    // Two hours every 30 s, then the live scrapes: one series, no duplicate.
    expect(Number(history[0].value[1])).toBeGreaterThanOrEqual(241);
    const deadline = Date.now() + 20_000;
    let live: unknown[] = [];
    while (live.length === 0 && Date.now() < deadline) {
      live = await query(
        prometheusPort,
        'oracledb_up{database="dwh"} and timestamp(oracledb_up) > time() - 5',
      );
      if (live.length === 0) await new Promise((done) => setTimeout(done, 250));
    }
    expect(live).toHaveLength(1);
  });

  it('stops Prometheus and the exporter on SIGTERM and removes the store', async () => {
    const store = /\(store: ([^)]+)\)/.exec(stack.output())?.[1];
    expect(store !== undefined && existsSync(store)).toBe(true);
    expect(await stack.stop()).toBe(0);
    expect(await refused(exporterPort)).toBe(true);
    expect(await refused(prometheusPort)).toBe(true);
    expect(existsSync(store as string)).toBe(false);
  });
});

describe('dev-stack without Prometheus installed', () => {
  it('keeps the exporter running and says how to install Prometheus', async () => {
    const exporterPort = await findFreePort();
    const stack = await startNodeProcess({
      ...DEV_STACK,
      name: 'dev-stack',
      env: {
        PATH: '/nonexistent',
        PORT: String(exporterPort),
        DEV_METRICS_PROMETHEUS_PORT: String(await findFreePort()),
      },
      readyWhen: { outputIncludes: 'apt-get install -y prometheus' },
    });
    try {
      expect(stack.output()).toContain(
        'dev-metrics: prometheus is not installed, so the analytics have no figures source: install it with `sudo apt-get install -y prometheus`',
      );
      expect((await fetch(`http://127.0.0.1:${exporterPort}/metrics`)).status).toBe(200);
    } finally {
      expect(await stack.stop()).toBe(0);
    }
  });
});
