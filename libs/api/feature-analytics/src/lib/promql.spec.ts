import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  queryPrometheus,
  startPrometheus,
  type RunningPrometheus,
} from '@oracle-ai/shared/testing-prometheus';
import { promqlString, seconds, selector } from './promql';

jest.setTimeout(60_000);

/** Label values a database may carry in the source: each must be matched exactly, and only itself. */
const HOSTILE = [
  'plain',
  'with "quotes"',
  'back\\slash',
  '\\"',
  '"}',
  'a"} or vector(1) or x{b="',
  '=~".*"',
  '.*',
  'new\nline',
  'tab\there',
  'bell\u0007 and del\u007f',
  'ünïcødé 🙂',
  'x'.repeat(2000),
];

describe('promqlString', () => {
  it('escapes backslash, quote and control characters, nothing else', () => {
    expect(promqlString('plain')).toBe('"plain"');
    expect(promqlString('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(promqlString('new\nline\t\u0000\u007f')).toBe('"new\\x0aline\\x09\\x00\\x7f"');
    expect(promqlString('ünïcødé 🙂')).toBe('"ünïcødé 🙂"');
  });

  it('refuses a string no PromQL literal can hold', () => {
    expect(() => promqlString('lone \uD800 surrogate')).toThrow(
      'a label value with a lone surrogate cannot be quoted',
    );
  });

  it('builds exact matchers and whole-second durations', () => {
    expect(selector('oracledb_up', { database: 'a"b' })).toBe('oracledb_up{database="a\\"b"}');
    expect([seconds(120), seconds(0.2), seconds(1212.6)]).toEqual(['120s', '1s', '1213s']);
  });

  describe('against Prometheus itself', () => {
    let dir: string;
    let prometheus: RunningPrometheus;
    const now = Math.floor(Date.now() / 1000);

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'promql-spec-'));
      const history = join(dir, 'history.om');
      const escape = (value: string) =>
        value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
      const lines = ['# TYPE oracledb_up gauge'];
      HOSTILE.forEach((name, index) =>
        lines.push(
          `oracledb_up{database="${escape(name)}",job="t",instance="t"} ${index + 1} ${now - 60}`,
        ),
      );
      writeFileSync(history, `${lines.join('\n')}\n# EOF\n`);
      prometheus = await startPrometheus({ backfill: [history] });
    });

    afterAll(async () => {
      await prometheus?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it.each(HOSTILE.map((name, index) => [JSON.stringify(name).slice(0, 40), name, index + 1]))(
      'a matcher built for %s selects that series and no other',
      async (_, name, value) => {
        const result = await queryPrometheus(
          prometheus.url,
          selector('oracledb_up', { database: name as string }),
          { time: now },
        );
        expect(result.map((series) => [series.metric['database'], series.value?.[1]])).toEqual([
          [name, String(value)],
        ]);
      },
    );
  });
});
