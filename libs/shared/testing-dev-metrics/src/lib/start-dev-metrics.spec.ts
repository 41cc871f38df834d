import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { holdPort, ProcessStartError } from '@oracle-ai/shared/testing-node-process';
import { startDevMetrics, type RunningDevMetrics } from './start-dev-metrics';
import { writeDevMetricsHistory } from './write-dev-metrics-history';

// Runs the built exporter: `nx test` builds dev-metrics first (see project.json).
jest.setTimeout(30_000);

describe('startDevMetrics', () => {
  let exporter: RunningDevMetrics;

  beforeAll(async () => {
    exporter = await startDevMetrics({ downDatabases: ['dwh'] });
  });

  afterAll(async () => {
    await exporter.stop();
  });

  it('serves the built exporter on a free loopback port, with the databases asked to be down', async () => {
    expect(exporter.address).toBe(`127.0.0.1:${exporter.port}`);
    const text = await (await fetch(`http://${exporter.address}/metrics`)).text();
    expect(text).toContain('oracledb_up{database="dwh"} 0\n');
    expect(text).toContain('oracledb_up{database="finprod"} 1\n');
  });

  it('fails with the exporter’s output when the port is taken', async () => {
    const held = await holdPort();
    try {
      const start = startDevMetrics({ port: held.port });
      await expect(start).rejects.toBeInstanceOf(ProcessStartError);
      await expect(start).rejects.toMatchObject({
        message: expect.stringContaining(`port ${held.port} is already in use`),
      });
    } finally {
      await held.release();
    }
  });
});

describe('writeDevMetricsHistory', () => {
  it('writes the last hours as OpenMetrics with the scrape labels', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dev-metrics-history-'));
    try {
      const file = join(dir, 'history.om');
      await writeDevMetricsHistory({ file, hours: 1, stepS: 60, instance: 'here' });
      const text = readFileSync(file, 'utf8');
      expect(text.endsWith('# EOF\n')).toBe(true);
      const up = text
        .split('\n')
        .filter((line) => line.startsWith('oracledb_up{database="paycdb"'));
      expect(up).toHaveLength(61);
      expect(up[0]).toMatch(
        /^oracledb_up\{database="paycdb",instance="here",job="oracledb"\} 1 \d+$/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails with the reason when the history cannot be written', async () => {
    await expect(
      writeDevMetricsHistory({ file: '/nonexistent/dir/h.om', hours: 1 }),
    ).rejects.toThrow(
      /^the dev exporter's history failed \(exit 1\): dev-metrics: failed to start: ENOENT/,
    );
  });
});
