import type { LoadResult } from './load-generator';
import type { RoundKind, RoundSample } from './rounds';
import type { ServerTarget } from './servers';
import { apiSummary, cryptoCeiling, median, percentChange, summarize } from './stats';

const api: ServerTarget = { id: 'api', label: 'oracle-ai API', script: 'api.js', rounds: [] };
const peer: ServerTarget = { id: 'jose', label: 'jose', script: 'jose.js', rounds: [] };

function sample(
  server: ServerTarget,
  kind: RoundKind,
  repetition: number,
  result: Partial<LoadResult> & { rps: number },
  serverCpuPercent = 100,
): RoundSample {
  return {
    serverId: server.id,
    kind,
    repetition,
    serverCpuPercent,
    serverCpuMicrosPerRequest: serverCpuPercent / 5,
    result: { requests: 1000, p50Ms: 1, p99Ms: 2, errors: 0, tokenWraps: 0, ...result },
  };
}

describe('median', () => {
  it.each([
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[7], 7],
  ])('of %p is %p', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('leaves its input in order', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('percentChange', () => {
  it('is relative to the first value', () => {
    expect(percentChange(200, 210)).toBeCloseTo(5);
    expect(percentChange(200, 180)).toBeCloseTo(-10);
  });
});

describe('summarize', () => {
  const samples = [
    sample(api, 'floor', 1, { rps: 100, p99Ms: 2 }),
    sample(api, 'floor', 2, { rps: 120, p99Ms: 4 }),
    sample(api, 'floor', 3, { rps: 110, p99Ms: 3 }),
    sample(api, 'same', 1, { rps: 90, p99Ms: 3, errors: 1 }, 99),
    sample(api, 'same', 2, { rps: 99, p99Ms: 6, errors: 2, tokenWraps: 1 }, 97),
    sample(api, 'same', 3, { rps: 95, p99Ms: 4.5 }, 98),
    sample(peer, 'floor', 1, { rps: 200, p99Ms: 1 }),
    sample(peer, 'same', 1, { rps: 50, p99Ms: 5 }),
  ];
  const summaries = summarize(samples, [api, peer]);

  it('reports each server and round kind measured, in order, with the medians', () => {
    expect(summaries.map((s) => [s.target.id, s.kind])).toEqual([
      ['api', 'floor'],
      ['api', 'same'],
      ['jose', 'floor'],
      ['jose', 'same'],
    ]);
    expect(summaries[1]).toMatchObject({
      rps: 95,
      p99Ms: 4.5,
      serverCpuPercent: 98,
      rpsPerRepetition: [90, 99, 95],
    });
  });

  it('relates rps to the same process floor and to the API floor, p99 to the floor p99', () => {
    const same = apiSummary(summaries, 'same');
    expect(same?.ratio).toBeCloseTo(95 / 110);
    expect(same?.ratioToApiFloor).toBeCloseTo(95 / 110);
    expect(same?.p99Ratio).toBeCloseTo(4.5 / 3);
    const peerSame = summaries[3];
    expect(peerSame.ratio).toBeCloseTo(50 / 200);
    expect(peerSame.ratioToApiFloor).toBeCloseTo(50 / 110);
  });

  it('adds up errors and token reuse over the repetitions', () => {
    expect(apiSummary(summaries, 'same')).toMatchObject({ errors: 3, tokenWraps: 1 });
  });

  it('has no API summary for a round kind not measured', () => {
    expect(apiSummary(summaries, 'fresh')).toBeUndefined();
  });
});

describe('cryptoCeiling', () => {
  it('is what one check per request leaves of the floor rate', () => {
    // A 15 µs floor request plus a 20 µs signature: 15 / 35 of the floor's rate.
    expect(cryptoCeiling(1e6 / 15, 20e-6)).toBeCloseTo(15 / 35, 10);
    expect(cryptoCeiling(50_000, 0)).toBe(1);
  });
});
