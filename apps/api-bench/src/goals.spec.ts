import { readFileSync } from 'node:fs';
import { readSection } from './benchmarks-doc';
import type { ServerChecks } from './checks';
import { evaluateGoals, renderGoalDefinitions, renderGoalResults } from './goals';
import { BENCHMARKS_DOC } from './paths';
import type { RoundKind } from './rounds';
import type { RoundSummary } from './stats';

const API = { id: 'api', label: 'oracle-ai API', script: 'api.js', rounds: [] };
const BARE = { id: 'bare', label: 'bare Fastify', script: 'bare.js', rounds: [] };

function summary(
  kind: RoundKind,
  values: Partial<RoundSummary>,
  target: RoundSummary['target'] = API,
): RoundSummary {
  return {
    target,
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
    serverCpuMicrosPerRequest: 15,
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
  // A floor of 50,000 rps (20 µs a request) with a 20 µs RS256 check and a 30 µs ES256 check:
  // ceilings of 1/2 and 1/2.5 of the floor.
  const info = { verifyMicros: 20, proofVerifyMicros: 30 };
  const run = (values: {
    floor?: number;
    bare?: number;
    carry?: number;
    same?: number;
    fresh?: number;
    dpop?: number;
  }) => [
    summary('floor', { rps: values.floor ?? 50_000 }),
    summary('floor', { rps: values.bare ?? 50_000 }, BARE),
    summary('carry', { rps: values.carry ?? 48_000 }),
    summary('same', { rps: values.same ?? 47_000, p99Ratio: 1.5, p99Ms: 1.76 }),
    summary('fresh', { ratio: values.fresh ?? 0.4 }),
    summary('dpop', { ratio: values.dpop ?? 0.3 }),
  ];

  it('measures every goal the run has numbers for, in the order of the table', () => {
    const results = evaluateGoals({
      summaries: run({ bare: 51_000 }),
      apiChecks: checks({}),
      info,
    });
    expect(results).toEqual([
      { name: 'API floor vs bare Fastify floor', target: '≥ 0.97×', measured: '0.980×', met: true },
      { name: 'same token vs token carried', target: '≥ 0.97×', measured: '0.979×', met: true },
      {
        name: 'fresh token vs its crypto ceiling',
        target: '≥ 0.65×',
        measured: '0.800× (0.400× of 0.500×)',
        met: true,
      },
      {
        name: 'DPoP vs its crypto ceiling',
        target: '≥ 0.70×',
        measured: '0.750× (0.300× of 0.400×)',
        met: true,
      },
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

  it('misses each ratio goal just below its bound', () => {
    const results = met(
      evaluateGoals({
        summaries: run({ bare: 51_600, carry: 48_500, same: 47_000, fresh: 0.32, dpop: 0.27 }),
        info,
      }),
    );
    expect(results).toMatchObject({
      'API floor vs bare Fastify floor': false,
      'same token vs token carried': false,
      'fresh token vs its crypto ceiling': false,
      'DPoP vs its crypto ceiling': false,
    });
  });

  it('leaves out the ceiling goals without the machine crypto timings', () => {
    const names = evaluateGoals({ summaries: run({}) }).map((r) => r.name);
    expect(names).not.toContain('fresh token vs its crypto ceiling');
    expect(names).toContain('API floor vs bare Fastify floor');
  });

  it('shows three decimals, so a near miss does not read as met', () => {
    const [same] = evaluateGoals({
      summaries: [summary('carry', { rps: 10_000 }), summary('same', { rps: 9_699.6 })],
    });
    expect(same).toMatchObject({ measured: '0.970×', met: false });
  });

  it('applies each bound at its edge', () => {
    const at = (p99Ratio: number, changePercent: number, jwksFetches: number) =>
      met(
        evaluateGoals({
          summaries: [summary('same', { p99Ratio })],
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
    const results = evaluateGoals({
      summaries: [summary('carry', { rps: 10_000 }), summary('same', { rps: 9_000 })],
    });
    expect(renderGoalResults(results).split('\n')).toEqual([
      '| goal (API)                    | target  | measured        | met    |',
      '| ----------------------------- | ------- | --------------- | ------ |',
      '| same token vs token carried   | ≥ 0.97× | 0.900×          | **no** |',
      '| p99 (same token) vs floor p99 | ≤ 2×    | 1.00× (2.00 ms) | yes    |',
    ]);
  });
});

describe('the assistant goals', () => {
  const chat = (values: {
    addedMs?: number;
    ratio?: number;
    perStreamKiB?: number;
    open?: number;
    errors?: number;
  }) => ({
    firstToken: {
      samples: 200,
      directMs: 3,
      apiMs: 3 + (values.addedMs ?? 1),
      addedMs: values.addedMs ?? 1,
      directP90Ms: 4,
      apiP90Ms: 5,
      errors: values.errors ?? 0,
    },
    throughput: {
      chunks: 20_000,
      directChunksPerS: 50_000,
      apiChunksPerS: 50_000 * (values.ratio ?? 0.95),
      ratio: values.ratio ?? 0.95,
      apiCpuMicrosPerChunk: 6,
      perRepetition: [],
      errors: 0,
    },
    openStreams: {
      streams: 1000,
      open: values.open ?? 1000,
      serverErrors: 1000 - (values.open ?? 1000),
      otherFailures: 0,
      beforeKiB: 80_000,
      openKiB: 80_000 + 1000 * (values.perStreamKiB ?? 30),
      perStreamKiB: values.perStreamKiB ?? 30,
    },
  });

  it('measures added time to first token, chunk rate and memory per open stream at their bounds', () => {
    expect(evaluateGoals({ summaries: [], chat: chat({}) })).toEqual([
      {
        name: 'assistant: added time to first token (median)',
        target: '≤ 2 ms',
        measured: '1.00 ms (4.00 vs 3.00 ms)',
        met: true,
      },
      {
        name: 'assistant: chunks per second, API vs direct',
        target: '≥ 0.90×',
        measured: '0.950×',
        met: true,
      },
      {
        name: 'assistant: RSS per open stream, 1,000 at once',
        target: '≤ 50 KiB',
        measured: '30.0 KiB (1000/1000 open, 0 5xx)',
        met: true,
      },
    ]);
    const edge = met(
      evaluateGoals({ summaries: [], chat: chat({ addedMs: 2, ratio: 0.9, perStreamKiB: 50 }) }),
    );
    expect(Object.values(edge)).toEqual([true, true, true]);
    const over = met(
      evaluateGoals({
        summaries: [],
        chat: chat({ addedMs: 2.01, ratio: 0.899, perStreamKiB: 50.1 }),
      }),
    );
    expect(Object.values(over)).toEqual([false, false, false]);
  });

  it('fails memory per stream when a stream was refused, and first token when a request failed', () => {
    const results = met(evaluateGoals({ summaries: [], chat: chat({ open: 999, errors: 1 }) }));
    expect(results).toMatchObject({
      'assistant: added time to first token (median)': false,
      'assistant: RSS per open stream, 1,000 at once': false,
    });
  });
});

describe('renderGoalDefinitions', () => {
  it('is the goals table of docs/benchmarks.md (npm run bench -- --write rewrites it)', () => {
    const doc = readFileSync(BENCHMARKS_DOC, 'utf8');
    expect(readSection(doc, 'goals')).toBe(renderGoalDefinitions());
  });
});
