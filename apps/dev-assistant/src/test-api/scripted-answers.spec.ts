import {
  completionBody,
  loggedRequests,
  postCompletion,
  postScript,
  readCompletionStream,
  readEvents,
  startTestServer,
  waitForLatestRequest,
  type TestServer,
} from '../testing/dev-assistant-harness';

jest.setTimeout(20_000);

const streamed = completionBody('What is log file sync?', { stream: true });
const whole = completionBody('What is log file sync?');

describe('scripted answers', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  beforeEach(async () => {
    await fetch(`${server.origin}/test/reset`, { method: 'POST' });
  });

  it('apply first in, first out, once each', async () => {
    await postScript(server, { chunks: ['first'] });
    await postScript(server, { chunks: ['second'] });
    const contents = [];
    for (let i = 0; i < 3; i++) {
      contents.push(
        (await (await postCompletion(server, whole)).json()).choices[0].message.content,
      );
    }
    expect(contents.slice(0, 2)).toEqual(['first', 'second']);
    expect(contents[2]).toContain('## log file sync');
  });

  it.each([
    [503, 'server_error'],
    [500, 'server_error'],
    [429, 'requests'],
    [400, 'invalid_request_error'],
  ])('status %i answers an OpenAI-style error', async (status, type) => {
    await postScript(server, { status, errorMessage: 'upstream exploded', retryAfterS: 7 });
    const response = await postCompletion(server, streamed);
    expect(response.status).toBe(status);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(await response.json()).toEqual({
      error: { message: 'upstream exploded', type, param: null, code: 'scripted_error' },
    });
  });

  it('status 200 is a normal answer; a status without a message gets a default one', async () => {
    await postScript(server, { status: 200, chunks: ['fine'] });
    await postScript(server, { status: 502 });
    expect((await (await postCompletion(server, whole)).json()).choices[0].message.content).toBe(
      'fine',
    );
    expect((await (await postCompletion(server, whole)).json()).error.message).toBe(
      'The dev model server was scripted to answer 502.',
    );
  });

  it('chunks and repeat make the content, streamed and not', async () => {
    await postScript(server, { chunks: ['a', 'b '], repeat: 3 });
    await postScript(server, { chunks: ['a', 'b '], repeat: 3 });
    const stream = await readCompletionStream(await postCompletion(server, streamed));
    expect(stream.content).toBe('ab ab ab ');
    expect(stream.chunks.map((chunk) => chunk.choices[0].delta.content)).toEqual([
      '',
      'a',
      'b ',
      'a',
      'b ',
      'a',
      'b ',
      undefined,
    ]);
    const completion = await (await postCompletion(server, whole)).json();
    expect(completion.choices[0].message.content).toBe('ab ab ab ');
    const [first, second] = await loggedRequests(server);
    expect(first.chunksSent).toBe(6);
    expect(second.chunksSent).toBe(6);
  });

  it('an empty chunks list answers with no content', async () => {
    await postScript(server, { chunks: [] });
    const stream = await readCompletionStream(await postCompletion(server, streamed));
    expect(stream.content).toBe('');
    expect(stream.chunks.at(-1)?.choices[0].finish_reason).toBe('stop');
  });

  it('headersDelayMs holds the headers back', async () => {
    await postScript(server, { headersDelayMs: 300, chunks: ['x'] });
    const started = performance.now();
    const response = await postCompletion(server, streamed);
    expect(performance.now() - started).toBeGreaterThanOrEqual(295);
    await readCompletionStream(response);
  });

  it('firstChunkDelayMs sends the headers at once and the first chunk later', async () => {
    await postScript(server, { firstChunkDelayMs: 1500, chunks: ['x'] });
    const started = performance.now();
    const response = await postCompletion(server, streamed);
    const headersAt = performance.now();
    expect(headersAt - started).toBeLessThan(1500);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const { value } = await reader.read();
    expect(performance.now() - started).toBeGreaterThanOrEqual(1495);
    expect(new TextDecoder().decode(value)).toContain('"role":"assistant"');
    await reader.cancel();
  });

  it('chunkIntervalMs spaces the pieces', async () => {
    await postScript(server, { chunks: ['a', 'b', 'c', 'd', 'e'], chunkIntervalMs: 60 });
    const started = performance.now();
    await readCompletionStream(await postCompletion(server, streamed));
    expect(performance.now() - started).toBeGreaterThanOrEqual(4 * 60 - 5);
  });

  it('delays apply to an answer that is not streamed, before anything is sent', async () => {
    await postScript(server, {
      headersDelayMs: 100,
      firstChunkDelayMs: 100,
      chunks: ['x', 'y'],
      chunkIntervalMs: 100,
    });
    const started = performance.now();
    const response = await postCompletion(server, whole);
    expect(performance.now() - started).toBeGreaterThanOrEqual(295);
    expect((await response.json()).choices[0].message.content).toBe('xy');
  });

  it("end 'cut' ends the stream after the pieces, without a finish chunk or [DONE]", async () => {
    await postScript(server, { chunks: ['a', 'b'], end: 'cut' });
    const events = await readEvents(await postCompletion(server, streamed));
    expect(events).toHaveLength(3);
    expect(events).not.toContain('[DONE]');
    expect(events.map((data) => JSON.parse(data).choices[0].finish_reason)).toEqual([
      null,
      null,
      null,
    ]);
    expect((await loggedRequests(server))[0]).toMatchObject({ finished: true, chunksSent: 2 });
  });

  it("end 'cut' sends half a body when not streamed", async () => {
    await postScript(server, { chunks: ['a', 'b'], end: 'cut' });
    const response = await postCompletion(server, whole);
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow(/JSON/);
  });

  it("end 'reset' destroys the connection after the pieces", async () => {
    await postScript(server, { chunks: ['a', 'b'], end: 'reset' });
    const response = await postCompletion(server, streamed);
    await expect(readEvents(response)).rejects.toThrow();
    const record = await waitForLatestRequest(server, (request) => request.chunksSent === 2);
    expect(record).toMatchObject({ finished: false, clientAborted: false, status: 200 });
  });

  it("end 'reset' answers nothing at all when not streamed", async () => {
    await postScript(server, { chunks: ['a'], end: 'reset' });
    await expect(postCompletion(server, whole)).rejects.toThrow();
    expect((await loggedRequests(server))[0]).toMatchObject({
      status: null,
      clientAborted: false,
    });
  });

  it("end 'hang' sends the pieces, then nothing, keeping the connection open", async () => {
    await postScript(server, { chunks: ['a', 'b'], end: 'hang' });
    const abort = new AbortController();
    const response = await postCompletion(server, streamed, { signal: abort.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    while ((text.match(/"content":"[ab]"/g) ?? []).length < 2) {
      text += new TextDecoder().decode((await reader.read()).value);
    }
    const next = reader.read();
    const settled = await Promise.race([
      next.then(() => 'more'),
      new Promise((resolve) => setTimeout(() => resolve('silence'), 300)),
    ]);
    expect(settled).toBe('silence');
    expect((await loggedRequests(server))[0]).toMatchObject({ finished: false, chunksSent: 2 });
    abort.abort();
    await next.catch(() => undefined);
    await waitForLatestRequest(server, (request) => request.clientAborted);
  });
});
