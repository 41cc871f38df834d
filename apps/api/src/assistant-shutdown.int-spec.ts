import { getTokens } from '@oracle-ai/shared/data-access-dev-idp-client';
import {
  startDevAssistant,
  type RunningDevAssistant,
} from '@oracle-ai/shared/testing-dev-assistant';
import { startDevIdp, type RunningDevIdp } from '@oracle-ai/shared/testing-dev-idp';
import { startApi } from './testing/api-process';
import { askApi, contentOf, question, sseData } from './testing/chat-stream';

jest.setTimeout(60_000);

/** The built API stopped by SIGTERM while answers stream: they finish, or end cleanly at the grace. */
describe('graceful shutdown with answers streaming', () => {
  let idp: RunningDevIdp;
  let assistant: RunningDevAssistant;
  let alice: string;

  beforeAll(async () => {
    [idp, assistant] = await Promise.all([startDevIdp(), startDevAssistant({ paceMs: 0 })]);
    alice = (await getTokens({ issuer: idp.issuer, username: 'alice' })).access_token;
  });

  afterAll(async () => {
    await assistant?.stop();
    await idp?.stop();
  });

  beforeEach(() => assistant.reset());

  const start = () =>
    startApi({
      AUTH_ISSUER: idp.issuer,
      AUTH_AUDIENCE: 'oracle-ai-api',
      CHAT_MODEL_URL: assistant.baseUrl,
      SHUTDOWN_GRACE_S: '4',
    });

  /** Every payload of a stream, and when the last arrived. */
  async function readAll(response: Response): Promise<{ payloads: string[]; endedAt: number }> {
    const payloads: string[] = [];
    for await (const data of sseData(response)) payloads.push(data);
    return { payloads, endedAt: Date.now() };
  }

  it('a stream that ends within the grace finishes whole; the process exits 0', async () => {
    const api = await start();
    try {
      await assistant.script({ chunks: ['one ', 'two ', 'three'], chunkIntervalMs: 400 });
      const response = await askApi(api.url, alice, question('Hi', { stream: true }));
      const reading = readAll(response);
      await assistant.waitForRequest((request) => request.chunksSent >= 1);
      process.kill(api.pid, 'SIGTERM');
      const { payloads } = await reading;
      expect(contentOf(payloads)).toBe('one two three');
      expect(payloads.at(-1)).toBe('[DONE]');
      expect(await api.exited).toBe(0);
    } finally {
      await api.stop();
    }
  });

  it('a stream still running near the grace ends with an error event, and the process exits 0 within it', async () => {
    const api = await start();
    try {
      await assistant.script({ chunks: ['partial '], end: 'hang' });
      const response = await askApi(api.url, alice, question('Hi', { stream: true }));
      const reading = readAll(response);
      await assistant.waitForRequest((request) => request.chunksSent >= 1);
      const signalledAt = Date.now();
      process.kill(api.pid, 'SIGTERM');
      const { payloads, endedAt } = await reading;
      expect(JSON.parse(payloads.at(-1) ?? '')).toEqual({
        error: {
          code: 'assistant_unavailable',
          message: 'This API instance is stopping; ask again',
        },
      });
      expect(payloads).not.toContain('[DONE]');
      // Ended 2 s before the 4 s grace.
      expect(endedAt - signalledAt).toBeGreaterThanOrEqual(1_500);
      expect(endedAt - signalledAt).toBeLessThan(3_500);
      expect(await api.exited).toBe(0);
      expect(Date.now() - signalledAt).toBeLessThan(4_000);
      await assistant.waitForRequest((request) => request.clientAborted);
    } finally {
      await api.stop();
    }
  });
});
