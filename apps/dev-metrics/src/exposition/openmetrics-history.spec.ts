import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { SimulatedExporter } from '../model/simulated-exporter';
import { writeHistory } from './openmetrics-history';

async function history(
  from: number,
  to: number,
  stepS: number,
): Promise<{ text: string; series: number; samples: number }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const summary = await writeHistory(
    new SimulatedExporter(),
    { from, to, stepS, job: 'oracledb', instance: 'dev-metrics' },
    out,
  );
  out.end();
  return { text: Buffer.concat(chunks).toString('utf8'), ...summary };
}

describe('writeHistory', () => {
  const to = Math.floor(Date.now() / 1000);

  it('writes each family once, each series in time order with the scrape labels, then # EOF', async () => {
    const { text, series, samples } = await history(to - 120, to, 30);
    const lines = text.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('# EOF');
    const types = lines.filter((line) => line.startsWith('# TYPE'));
    expect(new Set(types).size).toBe(types.length);
    expect(types).toContain('# TYPE oracledb_wait_time_user_io unknown');
    expect(types).toContain('# TYPE oracledb_up gauge');
    const sampleLines = lines.filter((line) => !line.startsWith('#'));
    expect(sampleLines).toHaveLength(samples);
    expect(samples).toBe(series * 5);
    const upDwh = sampleLines.filter((line) => line.startsWith('oracledb_up{database="dwh"'));
    expect(upDwh).toEqual(
      [120, 90, 60, 30, 0].map(
        (ago) => `oracledb_up{database="dwh",instance="dev-metrics",job="oracledb"} 1 ${to - ago}`,
      ),
    );
  });

  it('loads into Prometheus blocks with promtool', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dev-metrics-history-'));
    try {
      const file = join(dir, 'history.om');
      writeFileSync(file, (await history(to - 3 * 3600, to - 60, 60)).text);
      const result = spawnSync(
        'promtool',
        ['tsdb', 'create-blocks-from', 'openmetrics', file, join(dir, 'tsdb')],
        {
          encoding: 'utf8',
        },
      );
      expect([result.status, result.stderr]).toEqual([0, '']);
      expect(
        readdirSync(join(dir, 'tsdb')).filter((name) => /^[0-9A-Z]{26}$/.test(name)).length,
      ).toBeGreaterThanOrEqual(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
