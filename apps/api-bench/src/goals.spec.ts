import { readFileSync } from 'node:fs';
import { readSection } from './benchmarks-doc';
import type { ServerChecks } from './checks';
import { evaluateGoals, renderGoalDefinitions, renderGoalResults } from './goals';
import { BENCHMARKS_DOC } from './paths';
import type { RoundKind } from './rounds';
import type { RoundSummary } from './stats';

const API = { id: 'api', label: 'oracle-ai API', script: 'api.js' };

function summary(kind: RoundKind, values: Partial<RoundSummary>): RoundSummary {
  return {
    target: API,
    kind,
    rps: 1000,
    p50Ms: 1,
    p99Ms: 2,
    ratio: 1,
    ratioToApiFloor: 1,
    p99Ratio: 1,
    errors: 0,
    tokenWraps: 0,
    serverCpuPercent: 100,
    rpsPerRepetition: [1000],
    ...values,
  };
}

function checks(values: {
  jwksFetches?: number;
  ok?: number;
  changePercent?: number;
  errors?: number;
}): ServerChecks {
  return {
    coldStart: {
      jwksFetches: values.jwksFetches ?? 1,
      discoveryFetches: 1,
      ok: values.ok ?? 200,
      requests: 200,
    },
    rss: {
      tokens: 100_000,
      beforeKiB: 100 * 1024,
      midKiB: 104 * 1024,
      afterKiB: 106 * 1024,
      peakKiB: 120 * 1024,
      changePercent: values.changePercent ?? 6,
      secondHalfChangePercent: 1.9,
      rps: 5000,
      errors: values.errors ?? 0,
    },
  };
}

const met = (results: ReturnType<typeof evaluateGoals>) =>
  Object.fromEntries(results.map((r) => [r.name, r.met]));

describe('evaluateGoals', () => {
  it('measures every goal the run has numbers for, in the order of the table', () => {
    const results = evaluateGoals({
      summaries: [
        summary('same', { ratio: 0.9, p99Ratio: 1.5, p99Ms: 1.76 }),
        summary('fresh', { ratio: 0.24 }),
      ],
      apiChecks: checks({}),
    });
    expect(results).toEqual([
      { name: 'same token vs floor', target: '≥ 0.90×', measured: '0.900×', met: true },
      { name: 'fresh token vs floor', target: '≥ 0.45×', measured: '0.240×', met: false },
      {
        name: 'p99 (same token) vs floor p99',
        target: '≤ 2×',
        measured: '1.50× (1.76 ms)',
        met: true,
      },
      {
        name: 'JWKS fetches, cold start + 200 concurrent requests',
        target: 'exactly 1',
        measured: '1 (200/200 answered 200)',
        met: true,
      },
      {
        name: 'RSS across 100,000 distinct tokens',
        target: '±10 %',
        measured: '+6.0 % (100.0 → 106.0 MiB)',
        met: true,
      },
    ]);
  });

  it('shows three decimals, so a near miss does not read as met', () => {
    const [same] = evaluateGoals({ summaries: [summary('same', { ratio: 0.8996 })] });
    expect(same).toMatchObject({ measured: '0.900×', met: false });
  });

  it('applies each bound at its edge', () => {
    const at = (p99Ratio: number, changePercent: number, jwksFetches: number) =>
      met(
        evaluateGoals({
          summaries: [summary('same', { ratio: 1, p99Ratio })],
          apiChecks: checks({ changePercent, jwksFetches }),
        }),
      );
    expect(at(2, -10, 1)).toMatchObject({
      'p99 (same token) vs floor p99': true,
      'RSS across 100,000 distinct tokens': true,
      'JWKS fetches, cold start + 200 concurrent requests': true,
    });
    expect(at(2.01, 10.1, 2)).toMatchObject({
      'p99 (same token) vs floor p99': false,
      'RSS across 100,000 distinct tokens': false,
      'JWKS fetches, cold start + 200 concurrent requests': false,
    });
  });

  it('fails a goal whose measurement had errors, whatever its value', () => {
    const results = evaluateGoals({ summaries: [], apiChecks: checks({ ok: 199, errors: 3 }) });
    expect(met(results)).toEqual({
      'JWKS fetches, cold start + 200 concurrent requests': false,
      'RSS across 100,000 distinct tokens': false,
    });
  });

  it('renders the report rows, a miss in bold', () => {
    const results = evaluateGoals({ summaries: [summary('fresh', { ratio: 0.24 })] });
    expect(renderGoalResults(results).split('\n')).toEqual([
      '| goal (API)           | target  | measured | met    |',
      '| -------------------- | ------- | -------- | ------ |',
      '| fresh token vs floor | ≥ 0.45× | 0.240×   | **no** |',
    ]);
  });
});

describe('renderGoalDefinitions', () => {
  it('is the goals table of docs/benchmarks.md (npm run bench -- --write rewrites it)', () => {
    const doc = readFileSync(BENCHMARKS_DOC, 'utf8');
    expect(readSection(doc, 'goals')).toBe(renderGoalDefinitions());
  });
});
