import type { EvidenceFigures } from './evidence-figures';
import { evidencePack, MAX_EVIDENCE_CHARS } from './evidence-pack';
import { parseExplanationWindow } from './explanation-window';

const T = Date.UTC(2026, 11, 6, 10, 20) / 1000;
const window = parseExplanationWindow({ from: T, to: T + 900 }, T + 3600);
const at = (minutes: number) => T + minutes * 60;
const figures = (average: number, peak = average, peakAt = at(7)) => ({ average, peak, peakAt });

const STORM: EvidenceFigures = {
  database: 'finprod',
  window,
  aas: [
    { name: 'total', window: figures(9.8, 12.1), weekEarlier: figures(4.1) },
    { name: 'cpu', window: figures(3.1, 3.5), weekEarlier: figures(2.9) },
    { name: 'application', window: figures(3.91, 4.5), weekEarlier: figures(0.02) },
    { name: 'user_io', window: figures(1.2, 1.5), weekEarlier: figures(1.1) },
    { name: 'queueing', window: figures(0.001), weekEarlier: figures(0) },
  ],
  dbTime: { name: 'db_time', window: figures(10.1, 12.4), weekEarlier: figures(4.2) },
  dbCpu: { name: 'db_cpu', window: figures(3.1, 3.5), weekEarlier: figures(2.9) },
  cpus: 8,
  secondsAboveCpus: 540,
  topSql: [
    { name: 'a1b2c3d4e5f6g', window: figures(2.41, 3), weekEarlier: undefined },
    { name: '3pk3nx8ttj6jw', window: figures(0.5), weekEarlier: figures(0.48) },
  ],
  gaps: [],
};

describe('evidencePack', () => {
  it('says every figure with its unit, the window and the comparison, in Markdown the model can cite', () => {
    const { text } = evidencePack(STORM, false);
    expect(text).toBe(
      [
        '## Evidence for database "finprod"',
        '',
        '- Window: 2026-12-06 10:20:00 UTC to 2026-12-06 10:35:00 UTC (15 min, a point every 15 s).',
        '- Comparison: the same window a week earlier, 2026-11-29 10:20:00 UTC to 2026-11-29 10:35:00 UTC.',
        "- Source: Prometheus, fed by Oracle's database metrics exporter; figures summed over every instance and container.",
        '',
        '### Average active sessions (AAS) by wait class, in sessions',
        '',
        '| wait class | average | peak (at, UTC) | average a week earlier |',
        '| --- | --- | --- | --- |',
        '| total (DB time) | 9.80 | 12.1 (10:27:00) | 4.10 |',
        '| CPU | 3.10 | 3.50 (10:27:00) | 2.90 |',
        '| Application | 3.91 | 4.50 (10:27:00) | 0.02 |',
        '| User I/O | 1.20 | 1.50 (10:27:00) | 1.10 |',
        '',
        '1 other wait classes stayed under 0.005 sessions.',
        '',
        '### DB time against the CPUs',
        '',
        '- CPUs: 8.00 (gv$osstat NUM_CPUS, every instance); one CPU is one CPU second per second.',
        '- DB time: 10.1 s/s on average, at most 12.4 at 10:27:00; a week earlier 4.20 s/s on average.',
        '- DB CPU: 3.10 s/s on average (39 % of the CPUs), at most 3.50 at 10:27:00; a week earlier 2.90 s/s on average.',
        '- AAS was above the CPU count for 9 min of the 15 min.',
        '',
        '### Top SQL by elapsed time, in seconds per second (by sql_id)',
        '',
        '| sql_id | average | peak (at, UTC) | average a week earlier |',
        '| --- | --- | --- | --- |',
        '| a1b2c3d4e5f6g | 2.41 | 3.00 (10:27:00) | no figures |',
        '| 3pk3nx8ttj6jw | 0.50 | 0.50 (10:27:00) | 0.48 |',
        '',
        '### Exporter availability (oracledb_up)',
        '',
        '- The exporter reported the database up throughout the window.',
      ].join('\n'),
    );
  });

  it('asks in words about what stood out, and says when the figures are simulated', () => {
    const pack = evidencePack(STORM, true);
    expect(pack.question).toBe(
      'Explain what happened on database "finprod" in this window. The largest wait class was Application. ' +
        'Average active sessions went above the CPU count. Which figures of the evidence point to the cause, ' +
        'how does it compare with a week earlier, and what should a DBA check next?',
    );
    expect(pack.text).toContain(
      '- These figures are simulated (a development exporter), not from a real database.',
    );
  });

  it('says what is missing rather than inventing it', () => {
    const { text, question } = evidencePack(
      {
        ...STORM,
        aas: [
          { name: 'total', window: undefined, weekEarlier: undefined },
          { name: 'cpu', window: undefined, weekEarlier: undefined },
        ],
        dbTime: { name: 'db_time', window: undefined, weekEarlier: undefined },
        dbCpu: undefined,
        cpus: undefined,
        secondsAboveCpus: undefined,
        topSql: [],
        gaps: [{ from: at(0), to: at(15) }],
      },
      false,
    );
    expect(text).toContain('| total (DB time) | no figures | — | no figures |');
    expect(text).toContain('- CPUs: not reported.');
    expect(text).toContain('- DB time: no figures in the window.');
    expect(text).toContain('No statement reported elapsed time in the window.');
    expect(text).toContain('- Not reported up from 10:20:00 to 10:35:00 (15 min).');
    expect(question).not.toContain('largest wait class');
  });

  it('stays within its bound with every list full and the longest, oddest database name', () => {
    const classes = [
      'administrative',
      'application',
      'cluster',
      'commit',
      'concurrency',
      'configuration',
      'network',
      'other',
      'queueing',
      'scheduler',
      'system_io',
      'user_io',
    ];
    const name = '\u0001"|\n#'.repeat(20);
    const { text } = evidencePack(
      {
        ...STORM,
        database: name,
        aas: ['total', 'cpu', ...classes].map((each) => ({
          name: each,
          window: figures(123456.789, 987654.321),
          weekEarlier: figures(123456.789),
        })),
        topSql: Array.from({ length: 10 }, (_, i) => ({
          name: `sql${String(i).padStart(10, '0')}`,
          window: figures(123456.789, 987654.321),
          weekEarlier: figures(123456.789),
        })),
        cpus: 1024,
        secondsAboveCpus: 86_400,
        gaps: Array.from({ length: 40 }, (_, i) => ({ from: at(i), to: at(i) + 30 })),
      },
      true,
    );
    expect(text.length).toBeLessThanOrEqual(MAX_EVIDENCE_CHARS);
    expect(text.length).toBeGreaterThan(MAX_EVIDENCE_CHARS * 0.6);
    expect(text).toContain('- And 35 more such gaps.');
    // The name is one JSON string: it cannot end the heading's quotes or start a line of its own.
    expect(text.split('\n')[0]).toBe(`## Evidence for database ${JSON.stringify(name)}`);
  });
});
