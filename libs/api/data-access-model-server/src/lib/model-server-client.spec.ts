import { createServer } from 'node:net';
import { chunkEvents, FakeModelServer } from '../testing/fake-model-server';
import type { CompletionChunk } from './completion-chunk';
import { ModelServerClient, type ModelServerClientOptions } from './model-server-client';
import { ModelServerError } from './model-server-error';

describe('ModelServerClient', () => {
  let server: FakeModelServer;

  beforeAll(async () => {
    server = await FakeModelServer.start();
  });

  afterAll(() => server.stop());

  beforeEach(() => {
    server.requests.length = 0;
  });

  const client = (options: Partial<ModelServerClientOptions> = {}) =>
    new ModelServerClient({
      baseUrl: server.baseUrl,
      model: 'oracle-ai-test',
      apiKey: 'sk-model-key',
      timeoutMs: 2_000,
      ...options,
    });

  const question = [
    { role: 'system' as const, content: 'You are a DBA.' },
    { role: 'user' as const, content: 'Why is it slow?' },
  ];

  const open = (target = client(), signal = new AbortController().signal) =>
    target.open({ messages: question, signal, requestId: 'req-1' });

  /** Every chunk of an answer, or the failure that ended it after what had arrived. */
  async function readAll(
    stream: AsyncIterable<CompletionChunk[]>,
  ): Promise<{ chunks: CompletionChunk[]; failure?: ModelServerError }> {
    const chunks: CompletionChunk[] = [];
    try {
      for await (const batch of stream) chunks.push(...batch);
    } catch (error) {
      return { chunks, failure: error as ModelServerError };
    }
    return { chunks };
  }

  async function failureOf(promise: Promise<unknown>): Promise<ModelServerError> {
    try {
      await promise;
    } catch (error) {
      expect(error).toBeInstanceOf(ModelServerError);
      return error as ModelServerError;
    }
    throw new Error('expected a ModelServerError');
  }

  const text = (chunks: CompletionChunk[]) =>
    chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');

  it('asks for a streamed completion with the model, the messages, the key and the request id only', async () => {
    const { chunks, failure } = await readAll(await open());
    expect(failure).toBeUndefined();
    expect(text(chunks)).toBe('The answer.');
    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'POST', url: '/v1/chat/completions' });
    expect(request.body).toEqual({ model: 'oracle-ai-test', messages: question, stream: true });
    expect(request.headers).toMatchObject({
      authorization: 'Bearer sk-model-key',
      'content-type': 'application/json',
      accept: 'text/event-stream',
      'accept-encoding': 'identity',
      'x-request-id': 'req-1',
    });
    expect(request.headers.cookie).toBeUndefined();
    expect(request.headers['dpop']).toBeUndefined();
  });

  it('sends no Authorization header without a key', async () => {
    await readAll(await open(client({ apiKey: undefined })));
    expect(server.requests[0].headers.authorization).toBeUndefined();
  });

  it('passes on only the allowlisted chunk fields: no model name, fingerprint or vendor field', async () => {
    server.script({
      events: [
        JSON.stringify({
          id: 'c1',
          object: 'chat.completion.chunk',
          created: 5,
          model: 'secret-upstream',
          system_fingerprint: 'fp',
          vendor: { internal: true },
          choices: [
            {
              index: 0,
              delta: { role: 'assistant', content: 'Hi', reasoning: 'x' },
              finish_reason: null,
            },
          ],
          usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
        }),
      ],
    });
    const { chunks } = await readAll(await open());
    expect(chunks).toEqual([
      {
        id: 'c1',
        created: 5,
        choices: [{ index: 0, delta: { role: 'assistant', content: 'Hi' }, finish_reason: null }],
        usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
      },
    ]);
  });

  it('resolves open() at the first event, not at the headers', async () => {
    server.script({ firstChunkDelayMs: 300 });
    const started = Date.now();
    const stream = await open();
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(text((await readAll(stream)).chunks)).toBe('The answer.');
  });

  it('hands out each read as it arrives: the first batch before the server sent the second', async () => {
    server.script({ chunks: ['one', 'two'], intervalMs: 400 });
    const iterator = (await open())[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    expect(server.requests[0].eventsSent).toBeLessThan(4);
    await iterator.return?.();
  });

  it('times out when headers come but no event does', async () => {
    server.script({ firstChunkDelayMs: 5_000 });
    const started = Date.now();
    const failure = await failureOf(open(client({ timeoutMs: 400 })));
    expect(failure.failure).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
    await server.waitFor((requests) => requests[0]?.clientAborted === true);
  });

  it('times out when the stream goes quiet after it began, keeping what arrived', async () => {
    server.script({ chunks: ['partial'], end: 'hang' });
    const { chunks, failure } = await readAll(await open(client({ timeoutMs: 300 })));
    expect(text(chunks)).toBe('partial');
    expect(failure?.failure).toBe('timeout');
    expect(failure?.message).toBe('the model server sent no event for 0 s');
  });

  it('a stream that ends without [DONE] is cut; an error event or a malformed one is a protocol failure', async () => {
    server.script(
      { chunks: ['half'], end: 'cut' },
      { events: [...chunkEvents(['a']).slice(0, 2), '{"error":{"message":"CUDA out of memory"}}'] },
      { events: ['not json'] },
      { events: ['{"object":"chat.completion.chunk"}'] },
    );
    const cut = await readAll(await open());
    expect([text(cut.chunks), cut.failure?.failure]).toEqual(['half', 'cut']);
    const errorEvent = await readAll(await open());
    expect([text(errorEvent.chunks), errorEvent.failure?.failure]).toEqual(['a', 'protocol']);
    expect(errorEvent.failure?.message).not.toContain('CUDA');
    expect((await failureOf(open())).message).toBe(
      'the model server sent an event that is not JSON',
    );
    expect((await failureOf(open())).message).toBe(
      'the model server sent an event without choices',
    );
  });

  it('refuses an event over the size limit instead of holding it', async () => {
    // A line that never ends, a piece at a time.
    server.script({
      raw: ['data: {"choices":[],"pad":"', ...Array(10).fill('x'.repeat(2_000))],
      end: 'hang',
    });
    const failure = await failureOf(open(client({ maxEventBytes: 10_000 })));
    expect([failure.failure, failure.message]).toEqual([
      'protocol',
      'the model server sent an event over 10000 characters',
    ]);
  });

  it('an error status is a status failure with its Retry-After; its text is never kept', async () => {
    server.script({
      status: 429,
      errorMessage: 'quota of team-x',
      headers: { 'retry-after': '7' },
    });
    const failure = await failureOf(open());
    expect(failure).toMatchObject({ failure: 'status', details: { status: 429, retryAfterS: 7 } });
    expect(failure.message).toBe('the model server answered 429');
    expect(server.requests).toHaveLength(1);
  });

  it('retries a busy gateway once within the deadline', async () => {
    server.script({ status: 503 });
    expect(text((await readAll(await open())).chunks)).toBe('The answer.');
    expect(server.requests).toHaveLength(2);
    server.requests.length = 0;
    server.script({ status: 502 }, { status: 503 });
    expect((await failureOf(open())).details.status).toBe(503);
    expect(server.requests).toHaveLength(2);
  });

  it('makes no retry that would not fit in the deadline, nor for a long Retry-After or a 500', async () => {
    server.script({ status: 503, headersDelayMs: 500 });
    expect((await failureOf(open(client({ timeoutMs: 1_200 })))).details.status).toBe(503);
    server.script({ status: 503, headers: { 'retry-after': '30' } }, { status: 500 });
    expect((await failureOf(open())).details.retryAfterS).toBe(30);
    expect((await failureOf(open())).details.status).toBe(500);
    expect(server.requests).toHaveLength(3);
  });

  it('an unreachable server is an unreachable failure, retried once', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    const started = Date.now();
    const failure = await failureOf(open(client({ baseUrl: `http://127.0.0.1:${port}/v1` })));
    expect([failure.failure, failure.message]).toEqual([
      'unreachable',
      'cannot reach the model server (ECONNREFUSED)',
    ]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('follows no redirect (the key would go with it) and reads no answer that is not an event stream', async () => {
    server.script(
      { status: 302, headers: { location: 'https://elsewhere.example.com/v1/chat/completions' } },
      { rawBody: '{"choices":[]}', headers: { 'content-type': 'application/json' } },
    );
    expect((await failureOf(open())).details.status).toBe(302);
    expect((await failureOf(open())).message).toBe(
      'the model server answered "application/json", not text/event-stream',
    );
    expect(server.requests).toHaveLength(2);
  });

  it('the caller aborting cancels the request at once, before or during the stream', async () => {
    server.script({ firstChunkDelayMs: 5_000 }, { chunks: ['a'], end: 'hang' });
    const before = new AbortController();
    const pending = open(client({ timeoutMs: 10_000 }), before.signal);
    await server.waitFor((requests) => requests.length === 1);
    before.abort('client gone');
    const failure = await failureOf(pending);
    expect([failure.failure, failure.cause]).toEqual(['aborted', 'client gone']);
    await server.waitFor((requests) => requests[0].clientAborted);

    const during = new AbortController();
    const stream = await open(client({ timeoutMs: 10_000 }), during.signal);
    const reading = readAll(stream);
    during.abort();
    expect((await reading).failure?.failure).toBe('aborted');
    await server.waitFor((requests) => requests[1]?.clientAborted === true);
  });

  it('leaving the iteration early cancels the response', async () => {
    server.script({ chunks: ['a', 'b', 'c'], intervalMs: 200, end: 'hang' });
    for await (const batch of await open()) {
      expect(batch.length).toBeGreaterThan(0);
      break;
    }
    await server.waitFor((requests) => requests[0].clientAborted);
  });

  it('stops reading while its consumer does not ask: the server is held back by TCP', async () => {
    const piece = 'x'.repeat(1_000);
    server.script({ chunks: [piece], repeat: 50_000, end: 'done' });
    const iterator = (await open(client({ timeoutMs: 10_000 })))[Symbol.asyncIterator]();
    await iterator.next();
    await server.waitFor((requests) => requests[0].backpressured);
    // The first refused write is not yet the end: the socket and stream buffers on both sides go
    // on filling (how much depends on the Node version and the kernel). Wait until they are full.
    const sent = await settledBytesSent();
    // Only buffers' worth went out of ~50 MB, and nothing more while nobody reads.
    expect(sent).toBeLessThan(8 * 1024 * 1024);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(server.requests[0].bytesSent).toBe(sent);
    await iterator.return?.();
    await server.waitFor((requests) => requests[0].clientAborted);
  });

  /** The bytes sent once they stop growing for two looks in a row; fails if they never do within 5 s. */
  async function settledBytesSent(): Promise<number> {
    const deadline = Date.now() + 5_000;
    let last = -1;
    let unchanged = 0;
    while (Date.now() < deadline) {
      const now = server.requests[0].bytesSent;
      unchanged = now === last ? unchanged + 1 : 0;
      if (unchanged === 2) return now;
      last = now;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    throw new Error(`the server kept sending: ${last} bytes after 5 s`);
  }

  it('refuses a timeout that is not a positive whole number', () => {
    expect(() => client({ timeoutMs: 0 })).toThrow('timeoutMs must be a positive whole number');
  });
});
