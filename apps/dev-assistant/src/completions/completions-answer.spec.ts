import { ALL_NOTES } from '../notes/all-notes';
import { EXAMPLE_QUESTION } from '../notes/compose-answer';
import {
  completionBody,
  postCompletion,
  readCompletionStream,
  startTestServer,
  type TestServer,
} from '../testing/dev-assistant-harness';

jest.setTimeout(15_000);

const sequentialRead = ALL_NOTES.find((note) => note.id === 'db-file-sequential-read');

describe('POST /v1/chat/completions answers', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  describe('streamed', () => {
    it('as OpenAI chunks: role first, content pieces, finish reason last, then [DONE]', async () => {
      const response = await postCompletion(
        server,
        completionBody(EXAMPLE_QUESTION, { stream: true }),
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');

      const { chunks, content } = await readCompletionStream(response);
      const [first, ...rest] = chunks;
      const last = rest.at(-1);
      expect(first.choices[0]).toEqual({
        index: 0,
        delta: { role: 'assistant', content: '' },
        logprobs: null,
        finish_reason: null,
      });
      expect(last?.choices[0]).toEqual({
        index: 0,
        delta: {},
        logprobs: null,
        finish_reason: 'stop',
      });
      for (const chunk of chunks) {
        expect(chunk).toMatchObject({
          id: first.id,
          object: 'chat.completion.chunk',
          created: first.created,
          model: 'oracle-ai-dev',
        });
        expect(chunk).not.toHaveProperty('usage');
      }
      expect(first.id).toMatch(/^chatcmpl-[0-9a-f]{24}$/);
      expect(Math.abs(first.created - Date.now() / 1000)).toBeLessThan(60);

      const pieces = rest.slice(0, -1).map((chunk) => chunk.choices[0].delta.content ?? '');
      expect(pieces.length).toBeGreaterThan(20);
      // A few words at a time.
      for (const piece of pieces) expect(piece.trim().split(/\s+/).length).toBeLessThanOrEqual(3);
      expect(content).toMatch(
        /^\*Dev model server, not a language model: here is the built-in note/,
      );
      expect(content).toContain(`## ${sequentialRead?.title}\n\n${sequentialRead?.body}`);
    });

    it('adds a usage chunk with include_usage, and usage: null on the others', async () => {
      const question = 'What is log file sync?';
      const response = await postCompletion(
        server,
        completionBody(question, { stream: true, stream_options: { include_usage: true } }),
      );
      const { chunks, content } = await readCompletionStream(response);
      const usageChunk = chunks.at(-1);
      expect(usageChunk?.choices).toEqual([]);
      const completionTokens = Math.ceil([...content].length / 4);
      const promptTokens = Math.ceil(question.length / 4);
      expect(usageChunk?.usage).toEqual({
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
      });
      for (const chunk of chunks.slice(0, -1)) expect(chunk.usage).toBeNull();
      expect(chunks.at(-2)?.choices[0].finish_reason).toBe('stop');
    });

    it('stops at max_tokens with finish_reason "length"', async () => {
      const response = await postCompletion(
        server,
        completionBody(EXAMPLE_QUESTION, { stream: true, max_tokens: 10 }),
      );
      const { chunks, content } = await readCompletionStream(response);
      expect([...content]).toHaveLength(40);
      expect(chunks.at(-1)?.choices[0].finish_reason).toBe('length');
    });
  });

  describe('not streamed', () => {
    it('as one chat.completion object with usage', async () => {
      const messages = [
        { role: 'system', content: 'You are an Oracle performance assistant.' },
        { role: 'user', content: EXAMPLE_QUESTION },
      ];
      const response = await postCompletion(server, { model: 'oracle-ai-dev', messages });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const completion = await response.json();
      expect(completion).toEqual({
        id: expect.stringMatching(/^chatcmpl-[0-9a-f]{24}$/),
        object: 'chat.completion',
        created: expect.any(Number),
        model: 'oracle-ai-dev',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: expect.any(String), refusal: null },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens:
            Math.ceil(messages[0].content.length / 4) + Math.ceil(EXAMPLE_QUESTION.length / 4),
          completion_tokens: expect.any(Number),
          total_tokens: expect.any(Number),
        },
      });
      const content = completion.choices[0].message.content as string;
      expect(content).toContain(`## ${sequentialRead?.title}`);
      expect(completion.usage.completion_tokens).toBe(Math.ceil([...content].length / 4));
    });

    it('is the same text as the streamed answer', async () => {
      const body = completionBody('How do I read an AWR report?');
      const whole = await (await postCompletion(server, body)).json();
      const streamed = await readCompletionStream(
        await postCompletion(server, { ...body, stream: true }),
      );
      expect(whole.choices[0].message.content).toBe(streamed.content);
    });

    it('cuts at max_completion_tokens, which wins over max_tokens', async () => {
      const response = await postCompletion(
        server,
        completionBody(EXAMPLE_QUESTION, { max_completion_tokens: 5, max_tokens: 100 }),
      );
      const completion = await response.json();
      expect([...completion.choices[0].message.content]).toHaveLength(20);
      expect(completion.choices[0].finish_reason).toBe('length');
      expect(completion.usage.completion_tokens).toBe(5);
    });
  });

  it('answers honestly when no note matches, listing the topics', async () => {
    const response = await postCompletion(server, completionBody('What is the weather in Paris?'));
    const content = (await response.json()).choices[0].message.content as string;
    expect(content).toMatch(/^\*Dev model server, not a language model: none of my built-in notes/);
    expect(content).toContain('- **Wait events**: db file sequential read');
  });

  it('searches the user questions only, not system instructions or its own answers', async () => {
    const response = await postCompletion(server, {
      model: 'oracle-ai-dev',
      messages: [
        { role: 'system', content: 'Explain log file sync and histograms in every answer.' },
        { role: 'user', content: 'What is the clustering factor?' },
        { role: 'assistant', content: 'It is about log file sync and histograms.' },
        { role: 'user', content: 'Tell me more' },
      ],
    });
    const content = (await response.json()).choices[0].message.content as string;
    expect(content).toContain('## Index clustering factor');
    expect(content).not.toContain('## log file sync');
    expect(content).not.toContain('## Histograms');
  });

  it('takes text parts as content', async () => {
    const response = await postCompletion(server, {
      model: 'oracle-ai-dev',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is ORA-' },
            { type: 'text', text: '01555?' },
          ],
        },
      ],
    });
    expect((await response.json()).choices[0].message.content).toContain(
      '## Undo and ORA-01555 snapshot too old',
    );
  });
});

describe('the default pace', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ paceMs: 30 });
  });

  afterAll(async () => {
    await server.close();
  });

  it('sends pieces 20–40 ms apart on average', async () => {
    const response = await postCompletion(
      server,
      completionBody(EXAMPLE_QUESTION, { stream: true, max_tokens: 60 }),
    );
    const arrivals: number[] = [];
    const decoder = new TextDecoder();
    for await (const bytes of response.body as unknown as AsyncIterable<Uint8Array>) {
      const text = decoder.decode(bytes, { stream: true });
      const pieces = text.match(/"content":"[^"]/g)?.length ?? 0;
      for (let i = 0; i < pieces; i++) arrivals.push(performance.now());
    }
    expect(arrivals.length).toBeGreaterThan(10);
    const mean = (arrivals[arrivals.length - 1] - arrivals[0]) / (arrivals.length - 1);
    // The lower bound is the schedule's own; the upper, an order of magnitude above it, allows
    // for a machine busy with other tests while still catching a pace applied many times over.
    expect(mean).toBeGreaterThanOrEqual(19);
    expect(mean).toBeLessThan(400);
  });
});
