import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { apiErrorHandler } from './error-handler';
import { loadShedding, type LoadSheddingOptions, type OverloadReason } from './load-shedding';

jest.setTimeout(15_000);

/** Holds the event loop, as a burst of CPU-bound work would. */
function blockEventLoop(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // busy
  }
}

describe('loadShedding', () => {
  let app: FastifyInstance;
  let shed: OverloadReason[];

  /** `/work` behind the plugin; `/healthz` in a sibling context, as liveness is in the API. */
  async function build(options: Partial<LoadSheddingOptions>): Promise<void> {
    shed = [];
    app = Fastify();
    await app.register(apiErrorHandler);
    app.get('/healthz', async () => ({ status: 'ok' }));
    await app.register(async (api) => {
      await api.register(loadShedding, {
        maxEventLoopDelayMs: 0,
        maxEventLoopUtilization: 0,
        retryAfterS: 7,
        sampleIntervalMs: 50,
        onShed: (reason) => shed.push(reason),
        ...options,
      });
      api.get('/work', async () => ({ done: true }));
    });
    await app.ready();
  }

  afterEach(() => app.close());

  /** Work and liveness asked in the same turn, until work is refused (or a bound is reached). */
  async function untilRefused(): Promise<[LightMyRequestResponse, LightMyRequestResponse]> {
    let pair: [LightMyRequestResponse, LightMyRequestResponse] | undefined;
    for (let i = 0; i < 40; i++) {
      pair = await Promise.all([app.inject('/work'), app.inject('/healthz')]);
      if (pair[0].statusCode !== 200) break;
      await sleep(10);
    }
    return pair as [LightMyRequestResponse, LightMyRequestResponse];
  }

  it('refuses work with 503 overloaded and Retry-After while the loop lags; liveness is exempt', async () => {
    await build({ maxEventLoopDelayMs: 30 });
    expect((await app.inject('/work')).statusCode).toBe(200);
    blockEventLoop(400);
    const [work, liveness] = await untilRefused();
    expect(work.statusCode).toBe(503);
    expect(work.headers['retry-after']).toBe('7');
    expect(work.json()).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      code: 'overloaded',
      message: 'The API is overloaded; retry later',
      requestId: expect.any(String),
    });
    expect(liveness.statusCode).toBe(200);
    expect(shed[0]).toBe('event_loop_delay');

    // Once the loop keeps up again, so does the API.
    let recovered = 0;
    for (let i = 0; i < 100 && recovered !== 200; i++) {
      await sleep(20);
      recovered = (await app.inject('/work')).statusCode;
    }
    expect(recovered).toBe(200);
  });

  it('refuses work past the utilization limit of the last sample', async () => {
    await build({ maxEventLoopUtilization: 0.5 });
    blockEventLoop(400);
    const [work] = await untilRefused();
    expect(work.json()).toMatchObject({ code: 'overloaded' });
    expect(shed[0]).toBe('event_loop_utilization');
  });

  it('with both limits at 0 it never refuses', async () => {
    await build({});
    blockEventLoop(400);
    const [work] = await untilRefused();
    expect(work.statusCode).toBe(200);
    expect(shed).toEqual([]);
  });

  it.each([
    [{ maxEventLoopDelayMs: -1 }, 'maxEventLoopDelayMs must be a whole number'],
    [{ maxEventLoopUtilization: 1.5 }, 'maxEventLoopUtilization must be from 0 to 1'],
    [{ retryAfterS: 0 }, 'retryAfterS must be a whole number ≥ 1'],
    [{ sampleIntervalMs: 5 }, 'sampleIntervalMs must be a whole number ≥ 10'],
  ])('refuses %p at registration', async (options, message) => {
    await expect(build(options)).rejects.toThrow(message);
  });
});
