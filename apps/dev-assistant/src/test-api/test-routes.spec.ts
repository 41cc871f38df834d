import {
  completionBody,
  loggedRequests,
  postCompletion,
  postScript,
  readCompletionStream,
  startTestServer,
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
