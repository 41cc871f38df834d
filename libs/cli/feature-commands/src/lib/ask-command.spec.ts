import { SessionStore, type Session } from '@oracle-ai/cli/data-access-session';
import { ask } from './ask-command';
import { fakeContext } from './testing/fake-context';
import { standInApi, type StandInApi } from './testing/stand-in-api';

const chunk = (content: string) =>
  `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [{ delta: { content } }] })}\n\n`;

describe('ask', () => {
  let api: StandInApi;
  let fake: ReturnType<typeof fakeContext>;

  beforeEach(async () => {
    api = await standInApi();
    fake = fakeContext();
    const store = new SessionStore(fake.context.sessionDirectory as string);
    const session: Session = {
      api: api.url,
      issuer: 'http://localhost:4400',
      clientId: 'oracle-ai-cli',
      accessToken: 'token-1',
      tokenType: 'Bearer',
      expiresAt: Date.now() + 3_600_000,
      signedInAt: Date.now(),
    };
    await store.update(async () => store.write(session));
  });

  afterEach(() => {
    api.close();
    fake.remove();
  });

  const stream = (...events: string[]) => {
    api.handle = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(events.join(''));
    };
  };

  it('writes the answer to stdout as it comes, then a newline; nothing on stderr', async () => {
    stream(chunk('Check '), chunk('the AWR report.'), 'data: [DONE]\n\n');
    await ask('Why is it slow?', { json: false }, fake.context);
    expect(fake.output).toEqual({ stdout: 'Check the AWR report.\n', stderr: '' });
    expect(api.requests[0]).toMatchObject({
      url: '/api/chat/completions',
      headers: { authorization: 'Bearer token-1' },
    });
    expect(JSON.parse(api.requests[0].body)).toEqual({
      messages: [{ role: 'user', content: 'Why is it slow?' }],
      stream: true,
    });
  });

  it('drops control characters from the answer, so it cannot drive the terminal', async () => {
    stream(chunk('Done.\u001b]52;c;ZXZpbA==\u0007\u001b[2J Really.'), 'data: [DONE]\n\n');
    await ask('q', { json: false }, fake.context);
    expect(fake.output.stdout).toBe('Done.]52;c;ZXZpbA==[2J Really.\n');
  });

  it('ends the line of a partial answer before failing', async () => {
    stream(
      chunk('Half'),
      `data: ${JSON.stringify({ error: { code: 'assistant_unavailable', message: 'gone' } })}\n\n`,
    );
    await expect(ask('q', { json: false }, fake.context)).rejects.toMatchObject({
      code: 'ERR_ANSWER_FAILED',
    });
    expect(fake.output.stdout).toBe('Half\n');
  });

  it('reads the question from stdin with -', async () => {
    stream(chunk('Yes.'), 'data: [DONE]\n\n');
    fake.context.readStdin = () => Promise.resolve('  Is the buffer cache too small?\n');
    await ask('-', { json: false }, fake.context);
    expect(JSON.parse(api.requests[0].body).messages[0].content).toBe(
      'Is the buffer cache too small?',
    );
  });

  it('refuses a question over 16,000 characters before any request', async () => {
    await expect(ask('é'.repeat(16_001), { json: false }, fake.context)).rejects.toMatchObject({
      name: 'UsageError',
      message: 'the question is 16001 characters long; the assistant takes at most 16000',
    });
    expect(api.requests).toEqual([]);
  });

  it('prints the whole completion as JSON with --json', async () => {
    const completion = { object: 'chat.completion', choices: [{ message: { content: 'x' } }] };
    api.handle = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(completion));
    };
    await ask('q', { json: true }, fake.context);
    expect(JSON.parse(fake.output.stdout)).toEqual(completion);
    expect(JSON.parse(api.requests[0].body).stream).toBe(false);
  });

  it('uses --api over the session’s API', async () => {
    const other = await standInApi();
    try {
      other.handle = (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end(`${chunk('Other.')}data: [DONE]\n\n`);
      };
      await ask('q', { api: other.url, json: false }, fake.context);
      expect(fake.output.stdout).toBe('Other.\n');
      expect(api.requests).toEqual([]);
    } finally {
      other.close();
    }
  });
});
