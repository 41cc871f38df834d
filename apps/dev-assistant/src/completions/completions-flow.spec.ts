import type { DevAssistantRequest } from '@oracle-ai/shared/util-dev-assistant-test-api';
import { createParser } from 'eventsource-parser';
import {
  completionBody,
  loggedRequests,
  openRawCompletion,
  postCompletion,
  postScript,
  startTestServer,
  waitForLatestRequest,
  type TestServer,
} from '../testing/dev-assistant-harness';

jest.setTimeout(30_000);

describe('flow control', () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer();
  });

  afterEach(async () => {
    await server.close();
  });

  describe('a slow reader', () => {
    const PIECE = 'x'.repeat(16 * 1024);
    const REPEAT = 4096; // 64 MiB: far more than the socket buffers on both sides hold

    it('holds the answer back until it reads, then gets all of it', async () => {
      await postScript(server, { chunks: [PIECE], repeat: REPEAT, chunkIntervalMs: 0 });
      const response = await openRawCompletion(server, completionBody('hi', { stream: true }));
      response.pause();

      const stalled = await waitUntilStable(server);
      expect(stalled.chunksSent).toBeGreaterThan(0);
      expect(stalled.chunksSent).toBeLessThan(REPEAT / 4);
      expect(stalled.finished).toBe(false);

      let contentLength = 0;
      let done = false;
      const parser = createParser({
        onEvent: ({ data }) => {
          if (data === '[DONE]') done = true;
          else contentLength += (JSON.parse(data).choices[0]?.delta.content ?? '').length;
        },
      });
      response.setEncoding('utf8');
      response.on('data', (text: string) => parser.feed(text));
      response.resume();
      await new Promise((resolve) => response.once('end', resolve));

      expect(done).toBe(true);
      expect(contentLength).toBe(PIECE.length * REPEAT);
      const [record] = await loggedRequests(server);
      expect(record).toMatchObject({ chunksSent: REPEAT, finished: true, clientAborted: false });
    });
  });

  describe('a client that goes away', () => {
    it('mid-stream: generation stops at once and the request is recorded as aborted', async () => {
      await postScript(server, { chunks: ['word '], repeat: 100_000, chunkIntervalMs: 5 });
      const abort = new AbortController();
      const response = await postCompletion(server, completionBody('hi', { stream: true }), {
        signal: abort.signal,
      });
      await readUntil(response, (text) => (text.match(/"content":"word /g) ?? []).length >= 3);
      abort.abort();

      const aborted = await waitForLatestRequest(server, (request) => request.clientAborted);
      expect(aborted.finished).toBe(false);
      expect(aborted.status).toBe(200);
      // Twenty pause lengths later, not one more piece.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await loggedRequests(server))[0].chunksSent).toBe(aborted.chunksSent);
      expect(aborted.chunksSent).toBeLessThan(1000);
    });

    it('before the headers: recorded, with no status', async () => {
      await postScript(server, { headersDelayMs: 60_000 });
      const abort = new AbortController();
      const pending = postCompletion(server, completionBody('hi', { stream: true }), {
        signal: abort.signal,
      }).catch((error: unknown) => error);
      await waitForLatestRequest(server, (request) => request.body !== null);
      abort.abort();
      expect(await pending).toMatchObject({ name: 'AbortError' });

      const aborted = await waitForLatestRequest(server, (request) => request.clientAborted);
      expect(aborted).toMatchObject({ status: null, finished: false, chunksSent: 0 });
    });

    it('from an answer that is not streamed: recorded the same way', async () => {
      await postScript(server, { chunks: ['a'], repeat: 10_000, chunkIntervalMs: 10 });
      const abort = new AbortController();
      const pending = postCompletion(server, completionBody('hi'), { signal: abort.signal }).catch(
        (error: unknown) => error,
      );
      await waitForLatestRequest(server, (request) => request.body !== null);
      abort.abort();
      await pending;
      const aborted = await waitForLatestRequest(server, (request) => request.clientAborted);
      expect(aborted).toMatchObject({ status: null, finished: false, chunksSent: 0 });
    });
  });

  it('lets a server with answers still running close at once', async () => {
    await postScript(server, { chunks: ['x'], end: 'hang' });
    const response = await postCompletion(server, completionBody('hi', { stream: true }));
    await readUntil(response, (text) => text.includes('"content":"x"'));
    // The answer never ends on its own: closing must not wait for it.
    await server.close();
    server = await startTestServer();
  });
});

/** Reads a streamed body until `enough` holds for what arrived so far. */
async function readUntil(response: Response, enough: (text: string) => boolean): Promise<void> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!enough(text)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the stream ended first: ${text.slice(-200)}`);
    text += decoder.decode(value, { stream: true });
  }
  reader.releaseLock();
}

/**
 * The latest request once its `chunksSent` has stopped growing: unchanged over ten polls 20 ms
 * apart, with the server free to write (pace 0) all the while.
 */
async function waitUntilStable(server: TestServer): Promise<DevAssistantRequest> {
  const deadline = Date.now() + 15_000;
  let last = -1;
  let unchanged = 0;
  for (;;) {
    const latest = (await loggedRequests(server)).at(-1);
    const sent = latest?.chunksSent ?? -1;
    unchanged = sent > 0 && sent === last ? unchanged + 1 : 0;
    last = sent;
    if (latest && unchanged >= 10) return latest;
    if (Date.now() > deadline)
      throw new Error(`chunksSent never settled: ${JSON.stringify(latest)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
