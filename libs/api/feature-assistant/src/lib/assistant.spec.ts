import { request } from 'node:http';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import {
  chunkEvents,
  FakeModelServer,
  type FakeAnswer,
} from '@oracle-ai/api/data-access-model-server/testing';
import { GroupMembership, type AuthenticatedUser } from '@oracle-ai/api/feature-auth';
import {
  apiErrorHandler,
  drainingServerOptions,
  REQUEST_ID_LOG_LABEL,
} from '@oracle-ai/api/feature-platform';
import type { ChatConfig } from '@oracle-ai/api/util-config';
import { assistant } from './assistant';
import { AssistantRelay } from './relay/assistant-relay';
import type { AnswerReport } from './assistant-telemetry';
import { BUILT_IN_SYSTEM_PROMPT } from './system-prompt';

jest.setTimeout(20_000);

const CHAT_GROUPS = ['oracle-ai-users'];

/** The assistant plugin on a bare Fastify, listening on loopback, with a scripted model server. */
describe('assistant', () => {
  let model: FakeModelServer;
  let app: FastifyInstance;
  let url: string;
  let user: AuthenticatedUser;
  let logs: Record<string, unknown>[];
  let reports: AnswerReport[];
  let started: number;
  let policies: Record<string, unknown>;

  beforeAll(async () => {
    model = await FakeModelServer.start();
  });

  afterAll(() => model.stop());

  const alice = (sub = 'sub-alice'): AuthenticatedUser => ({
    sub,
    issuer: 'https://sso.example.com',
    username: 'alice',
    name: 'Alice Martin',
    groups: ['database', 'oracle-ai-users'],
    membership: new GroupMembership(['database', 'oracle-ai-users']),
    expiresAt: new Date(Date.now() + 300_000).toISOString(),
    dpopBound: false,
    claims: { iss: 'https://sso.example.com', sub, exp: Math.floor(Date.now() / 1000) + 300 },
  });

  async function start(chat: Partial<ChatConfig> = {}, shutdownGraceS = 10): Promise<void> {
    // Arrays of this app only: a late report of the previous test's app lands in its own.
    const ownLogs: Record<string, unknown>[] = (logs = []);
    const ownReports: AnswerReport[] = (reports = []);
    const ownPolicies: Record<string, unknown> = (policies = {});
    started = 0;
    model.requests.length = 0;
    user = alice();
    app = Fastify({
      logger: {
        level: 'info',
        stream: { write: (line: string) => void ownLogs.push(JSON.parse(line)) },
      },
      logController: new LogController({ requestIdLogLabel: REQUEST_ID_LOG_LABEL }),
      // As the API runs: a close ends connections whose streamed response has ended.
      ...drainingServerOptions({ idleLingerMs: 100 }),
    });
    await app.register(apiErrorHandler);
    app.decorateRequest('user', null);
    // Stands in for bearerAuth: what these routes see once it has run.
    app.addHook('onRequest', async (request) => {
      request.user = user;
    });
    app.addHook('onRoute', (route) => {
      ownPolicies[`${route.method} ${route.url}`] = (route.config as { auth?: unknown }).auth;
    });
    const relay = new AssistantRelay({
      shutdownGraceS,
      telemetry: {
        started: () => started++,
        ended: (report) => ownReports.push(report),
      },
      config: {
        modelUrl: model.baseUrl,
        model: 'oracle-ai-test',
        modelApiKey: 'sk-model-key',
        systemPrompt: undefined,
        ratePerMinute: 20,
        maxConcurrent: 2,
        timeoutS: 2,
        limitsStore: { kind: 'memory' },
        ...chat,
      },
    });
    await app.register(assistant, { chatGroups: CHAT_GROUPS, relay });
    url = `${await app.listen({ host: '127.0.0.1', port: 0 })}/chat/completions`;
  }

  afterEach(() => app.close());

  const question = { messages: [{ role: 'user', content: 'Why is my batch slow?' }] };

  const ask = (
    body: object = question,
    headers: Record<string, string> = {},
    signal?: AbortSignal,
  ) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal,
    });

  /** The `data:` payloads of an event-stream body. */
  const events = (text: string) =>
    text
      .split('\n\n')
      .filter((block) => block.startsWith('data: '))
      .map((block) => block.slice('data: '.length));

  const contentOf = (payloads: string[]) =>
    payloads
      .filter((data) => data !== '[DONE]')
      .map((data) => JSON.parse(data).choices?.[0]?.delta?.content ?? '')
      .join('');

  describe('GET /chat', () => {
    it('greets the user and says whether an assistant is configured', async () => {
      await start();
      expect((await app.inject('/chat')).json()).toEqual({
        user: 'alice',
        greeting: "Hello Alice Martin, ask me about your database's performance.",
        suggestions: expect.arrayContaining([expect.any(String)]),
        assistantConfigured: true,
      });
      await app.close();
      await start({ modelUrl: undefined });
      expect((await app.inject('/chat')).json().assistantConfigured).toBe(false);
    });

    it('both routes declare the chat groups', async () => {
      await start();
      expect(policies['GET /chat']).toEqual({ groups: CHAT_GROUPS });
      expect(policies['POST /chat/completions']).toEqual({ groups: CHAT_GROUPS });
    });
  });

  describe('streamed', () => {
    it('relays the chunks as events under the API’s model name, then [DONE]', async () => {
      await start();
      const response = await ask({ ...question, stream: true, model: 'gpt-4o' });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('x-accel-buffering')).toBe('no');
      const payloads = events(await response.text());
      expect(payloads.at(-1)).toBe('[DONE]');
      expect(contentOf(payloads)).toBe('The answer.');
      for (const data of payloads.slice(0, -1)) {
        const chunk = JSON.parse(data);
        expect(chunk).toMatchObject({ object: 'chat.completion.chunk', model: 'oracle-ai-test' });
        expect(chunk.system_fingerprint).toBeUndefined();
      }
    });

    it('sends the model server its instructions and the conversation only, with its key only', async () => {
      await start();
      await (
        await ask(
          {
            messages: [
              { role: 'user', content: 'Hi', name: 'x' },
              { role: 'assistant', content: 'Hello' },
              { role: 'user', content: 'Why?' },
            ],
            stream: true,
            temperature: 2,
            tools: [{ type: 'function', function: { name: 'drop_table' } }],
          },
          {
            authorization: 'Bearer user-access-token',
            dpop: 'user-dpop-proof',
            cookie: 'session=abc',
          },
        )
      ).text();
      const [request] = model.requests;
      expect(request.body).toEqual({
        model: 'oracle-ai-test',
        messages: [
          { role: 'system', content: BUILT_IN_SYSTEM_PROMPT },
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello' },
          { role: 'user', content: 'Why?' },
        ],
        stream: true,
      });
      expect(request.headers.authorization).toBe('Bearer sk-model-key');
      expect(JSON.stringify(request.headers)).not.toMatch(
        /user-access-token|user-dpop-proof|session=abc/,
      );
    });

    it('forwards each chunk as it arrives: the first is read before the model server sends the second', async () => {
      await start();
      model.script({ chunks: ['first', 'second'], intervalMs: 800 });
      const response = await ask({ ...question, stream: true });
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let text = '';
      while (!contentOf(events(text)).includes('first')) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
      expect(contentOf(events(text))).toBe('first');
      // Events sent so far: the role chunk and "first"; "second" waits 800 ms.
      expect(model.requests[0].eventsSent).toBe(2);
      await reader.cancel();
    });

    it('a stream cut after it began ends with one error event and no [DONE]; the server’s text is not passed on', async () => {
      await start();
      model.script(
        { chunks: ['partial'], end: 'cut' },
        {
          events: [
            ...chunkEvents(['a']).slice(0, 2),
            '{"error":{"message":"GPU 3 out of memory"}}',
          ],
        },
      );
      const cut = events(await (await ask({ ...question, stream: true })).text());
      expect(contentOf(cut.slice(0, -1))).toBe('partial');
      expect(JSON.parse(cut.at(-1) ?? '')).toEqual({
        error: {
          code: 'assistant_unavailable',
          message: "The assistant's answer was interrupted; ask again",
        },
      });
      const failed = await (await ask({ ...question, stream: true })).text();
      expect(failed).not.toContain('GPU');
      expect(failed).not.toContain('[DONE]');
      expect(reports.map((report) => report.outcome)).toEqual(['interrupted', 'interrupted']);
    });

    it('a stream that goes quiet ends with an assistant_timeout event', async () => {
      await start({ timeoutS: 1 });
      model.script({ chunks: ['partial'], end: 'hang' });
      const payloads = events(await (await ask({ ...question, stream: true })).text());
      expect(JSON.parse(payloads.at(-1) ?? '').error.code).toBe('assistant_timeout');
    });

    it('the client going away cancels the model server’s request and frees the user’s slot', async () => {
      await start({ maxConcurrent: 1 });
      model.script({ chunks: ['a'], end: 'hang' });
      const controller = new AbortController();
      const response = await ask({ ...question, stream: true }, {}, controller.signal);
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      await reader.read();
      controller.abort();
      await model.waitFor((requests) => requests[0].clientAborted);
      await waitFor(() => reports.length === 1);
      expect(reports[0]).toMatchObject({ outcome: 'client_closed', admitted: true });
      expect((await ask()).status).toBe(200);
    });

    it('the client going away before the first event cancels the request too', async () => {
      await start();
      model.script({ firstChunkDelayMs: 5_000 });
      // A plain request, destroyed: its socket closes at once (as a browser tab's does).
      const call = request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      });
      call.on('error', () => undefined);
      call.end(JSON.stringify({ ...question, stream: true }));
      await model.waitFor((requests) => requests.length === 1);
      call.destroy();
      await model.waitFor((requests) => requests[0].clientAborted);
      await waitFor(() => reports.length === 1);
      expect(reports[0].outcome).toBe('client_closed');
    });
  });

  describe('not streamed', () => {
    it('answers one chat.completion under the API’s model name', async () => {
      await start();
      model.script({ chunks: ['Check ', 'the ', 'plan.'] });
      const response = await ask({ ...question, stream: false });
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(await response.json()).toEqual({
        id: 'chatcmpl-fake',
        object: 'chat.completion',
        created: 1_700_000_000,
        model: 'oracle-ai-test',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: 'Check the plan.' },
            finish_reason: 'stop',
          },
        ],
      });
    });

    it('a failure while gathering is still a status: 503, or 504 when the server went quiet', async () => {
      await start({ timeoutS: 1 });
      model.script({ chunks: ['a'], end: 'cut' }, { chunks: ['a'], end: 'hang' });
      const cut = await ask();
      expect([cut.status, (await cut.json()).code]).toEqual([503, 'assistant_unavailable']);
      const quiet = await ask();
      expect([quiet.status, (await quiet.json()).code]).toEqual([504, 'assistant_timeout']);
    });
  });

  describe('refusals, all before any model call', () => {
    const post = (payload: string | Buffer, contentType = 'application/json') =>
      app.inject({
        method: 'POST',
        url: '/chat/completions',
        headers: { 'content-type': contentType },
        payload,
      });

    it.each([
      ['malformed JSON', '{"messages": ['],
      ['no messages', '{"messages": []}'],
      [
        'a system message',
        '{"messages": [{"role":"system","content":"x"},{"role":"user","content":"y"}]}',
      ],
      ['the last message not the user’s', '{"messages": [{"role":"assistant","content":"x"}]}'],
      ['a content that is a number', '{"messages": [{"role":"user","content":5}]}'],
      [
        'prototype pollution',
        '{"__proto__": {"x": 1}, "messages": [{"role":"user","content":"y"}]}',
      ],
    ])('400 invalid_request: %s', async (_name, payload) => {
      await start();
      const response = await post(payload);
      expect([response.statusCode, response.json().code]).toEqual([400, 'invalid_request']);
      expect(response.json().requestId).toEqual(expect.any(String));
      expect(model.requests).toHaveLength(0);
      expect(reports).toHaveLength(0);
    });

    it('415 invalid_request for a body that is not application/json', async () => {
      await start();
      for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded']) {
        const response = await post(JSON.stringify(question), type);
        expect([type, response.statusCode, response.json().code]).toEqual([
          type,
          415,
          'invalid_request',
        ]);
      }
      expect(model.requests).toHaveLength(0);
    });

    it('413 payload_too_large over 256 KiB; 200 KiB passes (the API’s 64 KiB limit is for other routes)', async () => {
      await start();
      const messages = (size: number) =>
        Array.from({ length: 20 }, (_, i) => ({
          role: i % 2 === 0 ? 'user' : 'assistant',
          content: 'x'.repeat(size / 20),
        }));
      const large = await post(
        JSON.stringify({ messages: [...messages(262_144), question.messages[0]] }),
      );
      expect([large.statusCode, large.json().code]).toEqual([413, 'payload_too_large']);
      expect(model.requests).toHaveLength(0);
      const fits = await post(
        JSON.stringify({ messages: [...messages(200_000), question.messages[0]] }),
      );
      expect(fits.statusCode).toBe(200);
    });

    it('429 rate_limited past the rate, with Retry-After; only admitted answers count', async () => {
      await start({ ratePerMinute: 2 });
      expect((await ask()).status).toBe(200);
      expect((await ask()).status).toBe(200);
      const refused = await ask();
      expect([refused.status, (await refused.json()).code]).toEqual([429, 'rate_limited']);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
      expect(model.requests).toHaveLength(2);
      // Another user has their own limits.
      user = alice('sub-bob');
      expect((await ask()).status).toBe(200);
    });

    it('429 rate_limited past the answers in progress', async () => {
      await start({ maxConcurrent: 1 });
      model.script({ chunks: ['a'], end: 'hang' });
      const first = await ask({ ...question, stream: true });
      const refused = await ask();
      expect([refused.status, refused.headers.get('retry-after')]).toEqual([429, '5']);
      expect((await refused.json()).message).toBe(
        'You have as many answers in progress as allowed; wait for one to finish',
      );
      await first.body?.cancel();
    });

    it('503 assistant_unavailable when no model server is configured', async () => {
      await start({ modelUrl: undefined });
      const response = await ask();
      expect([response.status, response.headers.get('retry-after')]).toEqual([503, '60']);
      expect(await response.json()).toMatchObject({
        code: 'assistant_unavailable',
        message: 'No assistant is configured on this API',
      });
      expect(reports[0]).toMatchObject({ outcome: 'not_configured', admitted: false });
    });

    it('503 assistant_unavailable for any error status of the model server, its 429 included; never its text', async () => {
      await start();
      const cases: [FakeAnswer, string][] = [
        [{ status: 500, errorMessage: 'stack trace at /srv/vllm' }, '5'],
        [{ status: 429, errorMessage: 'team quota', headers: { 'retry-after': '20' } }, '20'],
        [{ status: 401, errorMessage: 'bad key sk-model-key' }, '5'],
      ];
      for (const [answer, retryAfter] of cases) {
        model.script(answer);
        const response = await ask({ ...question, stream: true });
        const body = await response.text();
        expect([response.status, response.headers.get('retry-after')]).toEqual([503, retryAfter]);
        expect(JSON.parse(body)).toMatchObject({
          code: 'assistant_unavailable',
          message: 'The assistant is unavailable right now; retry later',
        });
        expect(body).not.toMatch(/stack|quota|sk-model/);
      }
    });

    it('504 assistant_timeout when no event comes within CHAT_TIMEOUT_S (headers do not count)', async () => {
      await start({ timeoutS: 1 });
      model.script({ firstChunkDelayMs: 3_000 });
      const begun = Date.now();
      const response = await ask({ ...question, stream: true });
      expect([response.status, (await response.json()).code]).toEqual([504, 'assistant_timeout']);
      expect(Date.now() - begun).toBeLessThan(2_500);
      expect(reports[0].outcome).toBe('timeout');
    });
  });

  it('writes one log line per answer: who, sizes, timings, outcome — never content or a key', async () => {
    await start();
    model.script({ chunks: ['Use DBMS_XPLAN.'] });
    await (await ask({ ...question, stream: true }, { authorization: 'Bearer user-token' })).text();
    const lines = logs.filter((line) => line['msg'] === 'assistant answer');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      sub: 'sub-alice',
      requestId: expect.any(String),
      model: 'oracle-ai-test',
      stream: true,
      outcome: 'completed',
      charactersIn: 21,
      charactersOut: 15,
      firstTokenMs: expect.any(Number),
      durationMs: expect.any(Number),
    });
    const all = JSON.stringify(logs);
    expect(all).not.toMatch(/batch slow|DBMS_XPLAN|sk-model-key|user-token/);
    expect([started, reports]).toEqual([
      1,
      [expect.objectContaining({ outcome: 'completed', stream: true, admitted: true })],
    ]);
  });

  it('on close, ends a stream still running before the grace with an error event, and starts no new answer', async () => {
    await start({}, 1);
    model.script({ chunks: ['a'], end: 'hang' });
    const response = await ask({ ...question, stream: true });
    const body = response.text();
    await model.waitFor((requests) => requests.length === 1);
    const closing = app.close();
    const payloads = events(await body);
    expect(JSON.parse(payloads.at(-1) ?? '')).toEqual({
      error: { code: 'assistant_unavailable', message: 'This API instance is stopping; ask again' },
    });
    await closing;
    expect(reports[0].outcome).toBe('shutdown');
    await model.waitFor((requests) => requests[0].clientAborted);
  });
});

async function waitFor(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
