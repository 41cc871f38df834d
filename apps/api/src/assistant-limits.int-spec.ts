import { getTokens } from '@oracle-ai/shared/data-access-dev-idp-client';
import {
  startDevAssistant,
  type RunningDevAssistant,
} from '@oracle-ai/shared/testing-dev-assistant';
import { startDevIdp, type RunningDevIdp } from '@oracle-ai/shared/testing-dev-idp';
import {
  findFreePort,
  startProcess,
  type RunningProcess,
} from '@oracle-ai/shared/testing-node-process';
import { startApi, type ApiProcess } from './testing/api-process';
import { askApi, question } from './testing/chat-stream';

jest.setTimeout(60_000);

/**
 * Per-user limits of the assistant across two built API instances sharing one real
 * `redis-server` (Debian's, in the foreground on a free port), as behind a load balancer.
 */
describe('assistant limits shared by two instances', () => {
  let idp: RunningDevIdp;
  let assistant: RunningDevAssistant;
  let redis: RunningProcess;
  let a: ApiProcess;
  let b: ApiProcess;
  let alice: string;
  let dave: string;

  beforeAll(async () => {
    const redisPort = await findFreePort();
    [idp, assistant, redis] = await Promise.all([
      startDevIdp(),
      startDevAssistant({ paceMs: 0 }),
      startProcess(
        'redis-server',
        ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { name: 'redis-server', readyWhen: { tcpPort: redisPort } },
      ),
    ]);
    const env = {
      AUTH_ISSUER: idp.issuer,
      AUTH_AUDIENCE: 'oracle-ai-api',
      CHAT_MODEL_URL: assistant.baseUrl,
      CHAT_LIMITS_STORE: `redis://127.0.0.1:${redisPort}`,
      CHAT_RATE_PER_MINUTE: '3',
      CHAT_MAX_CONCURRENT: '1',
    };
    [a, b] = await Promise.all([startApi(env), startApi(env)]);
    alice = (await getTokens({ issuer: idp.issuer, username: 'alice' })).access_token;
    dave = (await getTokens({ issuer: idp.issuer, username: 'dave' })).access_token;
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await Promise.all([assistant?.stop(), idp?.stop(), redis?.stop()]);
  });

  /** Until Redis is reached by a fresh instance (it connects in the background). */
  async function firstAnswer(api: ApiProcess, token: string): Promise<Response> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const response = await askApi(api.url, token, question('Hi'));
      if (response.status !== 503 || Date.now() > deadline) return response;
      await response.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('one answer in progress per user across instances, the rate shared, other users apart; Redis down → 503', async () => {
    expect((await firstAnswer(a, dave)).status).toBe(200);
    expect((await firstAnswer(b, dave)).status).toBe(200);

    // Alice's answer in progress on A fills her one slot on B too.
    await assistant.script({ chunks: ['slow'], end: 'hang' });
    const controller = new AbortController();
    const inProgress = await askApi(a.url, alice, question('Hi', { stream: true }), {
      signal: controller.signal,
    });
    expect(inProgress.status).toBe(200);
    const busy = await askApi(b.url, alice, question('Hi'));
    expect([
      busy.status,
      busy.headers.get('retry-after'),
      ((await busy.json()) as { code: string }).code,
    ]).toEqual([429, '5', 'rate_limited']);
    controller.abort();
    await assistant.waitForRequest((request) => request.clientAborted);

    // The slot is free again: two more answers make three in this minute, A and B together.
    const deadline = Date.now() + 5_000;
    let second = await askApi(b.url, alice, question('Hi'));
    while (second.status === 429 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      second = await askApi(b.url, alice, question('Hi'));
    }
    expect(second.status).toBe(200);
    expect((await askApi(a.url, alice, question('Hi'))).status).toBe(200);
    const overRate = await askApi(b.url, alice, question('Hi'));
    expect(overRate.status).toBe(429);
    expect(Number(overRate.headers.get('retry-after'))).toBeGreaterThan(30);
    // Dave has his own limits (two answers so far).
    expect((await askApi(b.url, dave, question('Hi'))).status).toBe(200);
    // Dave 3, alice 3 (one cancelled): the refusals never reached the model server.
    expect(await assistant.requests()).toHaveLength(6);

    await redis.stop();
    for (const api of [a, b]) {
      const started = Date.now();
      const refused = await askApi(api.url, dave, question('Hi'));
      expect([refused.status, refused.headers.get('retry-after')]).toEqual([503, '2']);
      expect(((await refused.json()) as { code: string }).code).toBe('assistant_unavailable');
      expect(Date.now() - started).toBeLessThan(2_000);
    }
  });
});
