import { setTimeout as sleep } from 'node:timers/promises';
import { TestIssuer } from '@oracle-ai/api/testing-issuer';
import { startApi, type RunningApi } from '@oracle-ai/shared/testing-api';

jest.setTimeout(30_000);

interface Sample {
  api: number;
  code?: string;
  retryAfter: string | null;
  liveness: number;
}

/**
 * Load shedding in the built API, driven from outside: the process is stopped (SIGSTOP) for two
 * seconds, so on resuming its event loop has lagged exactly as under a CPU-bound burst — without
 * any code in the API that exists for the test.
 */
describe('load shedding of the built API', () => {
  let issuer: TestIssuer;
  let api: RunningApi | undefined;

  beforeAll(async () => {
    issuer = await TestIssuer.start();
  });

  afterEach(async () => {
    await api?.stop();
  });

  afterAll(() => issuer.stop());

  /** Stalls the process, then asks /api/me and /healthz side by side for a while. */
  async function stallAndSample(target: RunningApi): Promise<Sample[]> {
    expect((await fetch(`${target.url}/api/me`)).status).toBe(401);
    process.kill(target.pid, 'SIGSTOP');
    await sleep(2_000);
    process.kill(target.pid, 'SIGCONT');
    const samples: Sample[] = [];
    for (let i = 0; i < 30; i++) {
      const [apiResponse, liveness] = await Promise.all([
        fetch(`${target.url}/api/me`),
        fetch(`${target.url}/healthz`),
      ]);
      const body = (await apiResponse.json()) as { code?: string };
      await liveness.arrayBuffer();
      samples.push({
        api: apiResponse.status,
        code: body.code,
        retryAfter: apiResponse.headers.get('retry-after'),
        liveness: liveness.status,
      });
      await sleep(50);
    }
    return samples;
  }

  const shedding = (limit: string) => ({
    issuer: issuer.issuer,
    env: { LOAD_SHED_MAX_EVENT_LOOP_DELAY_MS: limit, LOAD_SHED_RETRY_AFTER_S: '3' },
  });

  it('past LOAD_SHED_MAX_EVENT_LOOP_DELAY_MS: 503 overloaded with Retry-After, liveness untouched, then recovery', async () => {
    api = await startApi(shedding('50'));
    const samples = await stallAndSample(api);
    const refused = samples.filter((sample) => sample.api === 503);
    expect(refused.length).toBeGreaterThan(0);
    expect(
      refused.every((sample) => sample.code === 'overloaded' && sample.retryAfter === '3'),
    ).toBe(true);
    expect(samples.every((sample) => sample.liveness === 200)).toBe(true);
    // Once the loop keeps up again, the API answers as before (401: no token sent).
    expect(samples[samples.length - 1]).toMatchObject({ api: 401, code: 'missing_token' });
  });

  it('LOAD_SHED_MAX_EVENT_LOOP_DELAY_MS=0: the same stall sheds nothing', async () => {
    api = await startApi(shedding('0'));
    const samples = await stallAndSample(api);
    expect(samples.every((sample) => sample.api === 401)).toBe(true);
  });
});
