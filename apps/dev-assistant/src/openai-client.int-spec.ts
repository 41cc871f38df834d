import {
  startDevAssistant,
  type RunningDevAssistant,
} from '@oracle-ai/shared/testing-dev-assistant';
import OpenAI, { APIError } from 'openai';
import { EXAMPLE_QUESTION } from './notes/compose-answer';

jest.setTimeout(30_000);

/** The official OpenAI client, as any application pointed at this server would use it. */
describe('the openai npm client against the built server', () => {
  let assistant: RunningDevAssistant;
  let client: OpenAI;

  beforeAll(async () => {
    assistant = await startDevAssistant({ apiKey: 'sk-dev-test', paceMs: 1 });
    client = new OpenAI({ baseURL: assistant.baseUrl, apiKey: 'sk-dev-test', maxRetries: 0 });
  });

  afterAll(async () => {
    await assistant.stop();
  });

  beforeEach(async () => {
    await assistant.reset();
  });

  it('lists the model', async () => {
    const models = [];
    for await (const model of client.models.list()) models.push(model.id);
    expect(models).toEqual(['oracle-ai-dev']);
    expect((await client.models.retrieve('oracle-ai-dev')).id).toBe('oracle-ai-dev');
  });

  it('reads a streamed answer, with usage', async () => {
    const stream = await client.chat.completions.create({
      model: 'oracle-ai-dev',
      messages: [
        { role: 'system', content: 'Answer briefly.' },
        { role: 'user', content: EXAMPLE_QUESTION },
      ],
      stream: true,
      stream_options: { include_usage: true },
    });
    let content = '';
    let pieces = 0;
    let finishReason: string | null = null;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (choice?.delta.content) {
        content += choice.delta.content;
        pieces++;
      }
      finishReason = choice?.finish_reason ?? finishReason;
      usage = chunk.usage ?? usage;
    }
    expect(pieces).toBeGreaterThan(20);
    expect(content).toMatch(/^\*Dev model server, not a language model/);
    expect(content).toContain('## db file sequential read');
    expect(finishReason).toBe('stop');
    expect(usage?.completion_tokens).toBe(Math.ceil([...content].length / 4));
    const [request] = await assistant.requests();
    expect(request).toMatchObject({ finished: true, chunksSent: pieces, status: 200 });
    expect(request.headers['authorization']).toBe('Bearer sk-dev-test');
  });

  it('reads an answer that is not streamed', async () => {
    const completion = await client.chat.completions.create({
      model: 'oracle-ai-dev',
      messages: [{ role: 'user', content: 'What does ORA-01555 mean?' }],
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe('oracle-ai-dev');
    expect(completion.choices[0].finish_reason).toBe('stop');
    expect(completion.choices[0].message.content).toContain(
      '## Undo and ORA-01555 snapshot too old',
    );
    expect(completion.usage?.total_tokens).toBeGreaterThan(100);
  });

  it('gets typed errors for a wrong key, a wrong model and a bad request', async () => {
    const wrongKey = new OpenAI({ baseURL: assistant.baseUrl, apiKey: 'sk-wrong', maxRetries: 0 });
    const refusals = await Promise.all([
      wrongKey.models.list().catch((error: unknown) => error),
      client.chat.completions
        .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] })
        .catch((error: unknown) => error),
      client.chat.completions
        .create({ model: 'oracle-ai-dev', messages: [] })
        .catch((error: unknown) => error),
    ]);
    expect(refusals.map((error) => (error as APIError).status)).toEqual([401, 404, 400]);
    expect(refusals.map((error) => (error as APIError).code)).toEqual([
      'invalid_api_key',
      'model_not_found',
      'empty_array',
    ]);
    for (const error of refusals) expect(error).toBeInstanceOf(APIError);
  });

  it('retries a scripted 503 as it would a real one, honouring Retry-After', async () => {
    await assistant.script({ status: 503, retryAfterS: 0 });
    const retrying = new OpenAI({
      baseURL: assistant.baseUrl,
      apiKey: 'sk-dev-test',
      maxRetries: 1,
    });
    const completion = await retrying.chat.completions.create({
      model: 'oracle-ai-dev',
      messages: [{ role: 'user', content: 'What is log file sync?' }],
    });
    expect(completion.choices[0].message.content).toContain('## log file sync');
    expect((await assistant.requests()).map((request) => request.status)).toEqual([503, 200]);
  });

  it('fails a stream that is cut short', async () => {
    await assistant.script({ chunks: ['partial ', 'answer'], end: 'reset' });
    const stream = await client.chat.completions.create({
      model: 'oracle-ai-dev',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    const contents: string[] = [];
    const read = async () => {
      for await (const chunk of stream) contents.push(chunk.choices[0]?.delta.content ?? '');
    };
    await expect(read()).rejects.toThrow();
    // A fetch body that errors drops what its reader had not taken yet: a prefix arrives.
    expect('partial answer'.startsWith(contents.join(''))).toBe(true);
    expect((await assistant.requests())[0]).toMatchObject({ chunksSent: 2, finished: false });
  });

  it('leaves a stream when aborted, and the server records that the client went away', async () => {
    await assistant.script({ chunks: ['word '], repeat: 10_000, chunkIntervalMs: 5 });
    const stream = await client.chat.completions.create({
      model: 'oracle-ai-dev',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    let pieces = 0;
    // The client ends the iteration quietly once its own controller aborts.
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content && ++pieces === 5) stream.controller.abort();
    }
    expect(pieces).toBeLessThan(100);
    const aborted = await assistant.waitForRequest((request) => request.clientAborted);
    expect(aborted.finished).toBe(false);
    expect(aborted.chunksSent).toBeLessThan(10_000);
  });
});
