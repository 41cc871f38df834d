import { holdPort, ProcessStartError } from '@oracle-ai/shared/testing-node-process';
import { startDevAssistant, type RunningDevAssistant } from './start-dev-assistant';

// Runs the built server: `nx test` builds dev-assistant first (see project.json).
jest.setTimeout(30_000);

function complete(
  assistant: RunningDevAssistant,
  body: Record<string, unknown>,
  init: { headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Response> {
  return fetch(`${assistant.baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: JSON.stringify({
      model: 'oracle-ai-dev',
      messages: [{ role: 'user', content: 'What is log file sync?' }],
      ...body,
    }),
    signal: init.signal,
  });
}

describe('startDevAssistant', () => {
  let assistant: RunningDevAssistant;

  beforeAll(async () => {
    assistant = await startDevAssistant({ paceMs: 0 });
  });

  afterAll(async () => {
    await assistant.stop();
  });

  beforeEach(async () => {
    await assistant.reset();
  });

  it('serves the built server on a free port, with an OpenAI base URL', async () => {
    expect(assistant.baseUrl).toBe(`http://127.0.0.1:${assistant.port}/v1`);
    const models = await (await fetch(`${assistant.baseUrl}/models`)).json();
    expect(models.data).toEqual([expect.objectContaining({ id: 'oracle-ai-dev' })]);
  });

  it('script() shapes the next answer and requests() reports it', async () => {
    const { id } = await assistant.script({
      status: 503,
      errorMessage: 'model overloaded',
      retryAfterS: 2,
    });
    const refused = await complete(
      assistant,
      {},
      { headers: { authorization: 'Bearer model-key' } },
    );
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect((await refused.json()).error.message).toBe('model overloaded');

    const answered = await complete(assistant, {});
    expect((await answered.json()).choices[0].message.content).toContain('## log file sync');

    const [first, second] = await assistant.requests();
    expect(first).toMatchObject({
      scriptId: id,
      status: 503,
      finished: true,
      headers: expect.objectContaining({ authorization: 'Bearer model-key' }),
      body: expect.objectContaining({ model: 'oracle-ai-dev' }),
    });
    expect(second).toMatchObject({ scriptId: null, status: 200 });
  });

  it('scripts() queues several in order', async () => {
    await assistant.scripts({ chunks: ['one'] }, { chunks: ['two'] });
    const contents = [];
    for (let i = 0; i < 2; i++) {
      contents.push((await (await complete(assistant, {})).json()).choices[0].message.content);
    }
    expect(contents).toEqual(['one', 'two']);
  });

  it('rejects a script the server refuses, with its reason', async () => {
    await expect(assistant.script({ status: 500, chunks: ['x'] })).rejects.toThrow(
      "POST /test/scripts: HTTP 400 — Script field 'chunks' applies to an answer, not to an error status (500).",
    );
  });

  it('waitForRequest() waits until the client has gone away', async () => {
    await assistant.script({ chunks: ['x'], end: 'hang' });
    const abort = new AbortController();
    const response = await complete(assistant, { stream: true }, { signal: abort.signal });
    expect(response.status).toBe(200);
    abort.abort();
    const aborted = await assistant.waitForRequest((request) => request.clientAborted);
    expect(aborted.finished).toBe(false);
  });

  it('waitForRequest() gives up after its timeout, naming what it saw', async () => {
    await expect(
      assistant.waitForRequest((request) => request.status === 418, { timeoutMs: 100 }),
    ).rejects.toThrow(/no request to the dev model server matched within 100 ms/);
  });

  it('reset() forgets scripts and requests', async () => {
    await assistant.script({ chunks: ['forgotten'] });
    await (await complete(assistant, {})).text();
    await assistant.script({ chunks: ['forgotten too'] });
    await assistant.reset();
    expect(await assistant.requests()).toEqual([]);
    expect((await (await complete(assistant, {})).json()).choices[0].message.content).toContain(
      '## log file sync',
    );
  });

  describe('with options', () => {
    let configured: RunningDevAssistant;

    beforeAll(async () => {
      configured = await startDevAssistant({
        apiKey: 'sk-test',
        model: 'gpt-4o-mini',
        enableTestEndpoints: false,
      });
    });

    afterAll(async () => {
      await configured.stop();
    });

    it('passes the key and the model to the server', async () => {
      expect((await fetch(`${configured.baseUrl}/models`)).status).toBe(401);
      const models = await fetch(`${configured.baseUrl}/models`, {
        headers: { authorization: 'Bearer sk-test' },
      });
      expect((await models.json()).data[0].id).toBe('gpt-4o-mini');
    });

    it('says so when the test endpoints are off', async () => {
      await expect(configured.requests()).rejects.toThrow(
        'GET /test/requests: 404 — the dev model server runs without its test endpoints (enableTestEndpoints: false)',
      );
    });
  });

  it('does not pass on DEV_ASSISTANT_* variables of the calling process', async () => {
    process.env['DEV_ASSISTANT_API_KEY'] = 'from-the-shell';
    try {
      const other = await startDevAssistant();
      try {
        expect((await fetch(`${other.baseUrl}/models`)).status).toBe(200);
      } finally {
        await other.stop();
      }
    } finally {
      delete process.env['DEV_ASSISTANT_API_KEY'];
    }
  });

  it('fails with the server output when the port is taken', async () => {
    const held = await holdPort();
    try {
      const start = startDevAssistant({ port: held.port });
      await expect(start).rejects.toBeInstanceOf(ProcessStartError);
      await expect(start).rejects.toMatchObject({
        code: 'ERR_PROCESS_EXITED_EARLY',
        message: expect.stringContaining(`dev-assistant: port ${held.port} is already in use`),
      });
    } finally {
      await held.release();
    }
  });

  it('stops the server', async () => {
    const other = await startDevAssistant();
    await other.stop();
    await expect(fetch(`${other.baseUrl}/models`)).rejects.toThrow();
    await other.stop();
  });
});
