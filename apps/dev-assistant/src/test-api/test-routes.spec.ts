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

describe('the test endpoints', () => {
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

  describe('POST /test/scripts', () => {
    it('queues a script and answers 201 with its id', async () => {
      const response = await postScript(server, { chunks: ['one'] });
      expect(response.status).toBe(201);
      expect(await response.json()).toEqual({ id: expect.stringMatching(/^script-\d+$/) });
    });

    it.each([
      [{ statsu: 500 }, 'statsu', 'unknown_parameter'],
      [{ status: 99 }, 'status', 'invalid_value'],
      [{ status: 600 }, 'status', 'invalid_value'],
      [{ status: '500' }, 'status', 'invalid_value'],
      [{ status: 500, chunks: ['x'] }, 'chunks', 'invalid_value'],
      [{ status: 503, end: 'cut' }, 'end', 'invalid_value'],
      [{ errorMessage: 'boom' }, 'errorMessage', 'invalid_value'],
      [{ status: 500, errorMessage: 5 }, 'errorMessage', 'invalid_value'],
      [{ retryAfterS: -1 }, 'retryAfterS', 'invalid_value'],
      [{ headersDelayMs: 1.5 }, 'headersDelayMs', 'invalid_value'],
      [{ firstChunkDelayMs: 600_001 }, 'firstChunkDelayMs', 'invalid_value'],
      [{ chunks: 'one' }, 'chunks', 'invalid_value'],
      [{ chunks: ['one', 2] }, 'chunks', 'invalid_value'],
      [{ repeat: 0 }, 'repeat', 'invalid_value'],
      [{ chunkIntervalMs: null }, 'chunkIntervalMs', 'invalid_value'],
      [{ end: 'explode' }, 'end', 'invalid_value'],
    ])('refuses %j (param %s)', async (script, param, code) => {
      const response = await postScript(server, script);
      expect(response.status).toBe(400);
      expect((await response.json()).error).toMatchObject({ param, code });
      // Nothing was queued: the next request answers from the notes.
      const answer = await (await postCompletion(server, whole)).json();
      expect(answer.choices[0].message.content).toContain('## log file sync');
    });

    it.each([['[]'], ['"x"'], ['{']])('refuses the body %s', async (body) => {
      const response = await fetch(`${server.origin}/test/scripts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(response.status).toBe(400);
    });
  });

  describe('scripts', () => {
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

  describe('GET /test/requests', () => {
    it('reports every completion request with its headers, body and outcome', async () => {
      const { id: scriptId } = await (await postScript(server, { chunks: ['x'] })).json();
      await readCompletionStream(
        await postCompletion(server, streamed, {
          headers: { 'X-Trace': 'abc', authorization: 'Bearer k' },
        }),
      );
      await postCompletion(server, { model: 'nope', messages: [] });
      const requests = await loggedRequests(server);
      expect(requests).toEqual([
        {
          id: expect.stringMatching(/^req-[0-9a-f]{16}$/),
          receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
          headers: expect.objectContaining({
            'x-trace': 'abc',
            authorization: 'Bearer k',
            'content-type': 'application/json',
          }),
          body: streamed,
          clientAborted: false,
          finished: true,
          chunksSent: 1,
          status: 200,
          scriptId,
        },
        expect.objectContaining({
          status: 404,
          scriptId: null,
          body: { model: 'nope', messages: [] },
        }),
      ]);
      expect(Date.now() - Date.parse(requests[0].receivedAt)).toBeLessThan(60_000);
    });

    it('gives each response the id of its record', async () => {
      const response = await postCompletion(server, whole);
      await response.text();
      expect(response.headers.get('x-request-id')).toBe((await loggedRequests(server))[0].id);
    });
  });

  describe('POST /test/reset', () => {
    it('answers 204 and forgets scripts and requests', async () => {
      await postScript(server, { chunks: ['never used'] });
      await (await postCompletion(server, whole)).text();
      await postScript(server, { chunks: ['never used either'] });
      const response = await fetch(`${server.origin}/test/reset`, { method: 'POST' });
      expect(response.status).toBe(204);
      expect(await loggedRequests(server)).toEqual([]);
      const answer = await (await postCompletion(server, whole)).json();
      expect(answer.choices[0].message.content).toContain('## log file sync');
    });
  });

  it.each([
    ['GET', '/test/scripts', 'POST'],
    ['POST', '/test/requests', 'GET'],
    ['GET', '/test/reset', 'POST'],
  ])('%s %s is 405, allowing %s', async (method, path, allow) => {
    const response = await fetch(`${server.origin}${path}`, { method });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe(allow);
  });
});

describe('without DEV_ASSISTANT_ENABLE_TEST_ENDPOINTS', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ enableTestEndpoints: false });
  });

  afterAll(async () => {
    await server.close();
  });

  it.each([
    ['POST', '/test/scripts'],
    ['GET', '/test/requests'],
    ['POST', '/test/reset'],
  ])('%s %s does not exist', async (method, path) => {
    const response = await fetch(`${server.origin}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: method === 'POST' ? JSON.stringify({ status: 500 }) : undefined,
    });
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe('unknown_url');
  });

  it('answers from the notes', async () => {
    const answer = await (await postCompletion(server, whole)).json();
    expect(answer.choices[0].message.content).toContain('## log file sync');
  });
});
