import {
  startDevAssistant,
  type RunningDevAssistant,
} from '@oracle-ai/shared/testing-dev-assistant';
import { startApi, type RunningApi } from '@oracle-ai/shared/testing-api';
import { startDevIdp, type RunningDevIdp } from '@oracle-ai/shared/testing-dev-idp';
import { cliHome } from './testing/cli-home';
import { AUTHORIZATION_URL, killAll, runCli, startCli } from './testing/cli-process';
import { authorizeAtDevIdp } from './testing/dev-idp-login';
import { readSession } from './testing/session-file';

jest.setTimeout(60_000);

/** Resolves once `condition` holds; fails after `timeoutMs`. */
async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** `oracle-ai ask` through the built API to the dev model server, scripted answer by answer. */
describe('oracle-ai ask', () => {
  let idp: RunningDevIdp;
  let model: RunningDevAssistant;
  let api: RunningApi;
  const alice = cliHome();

  async function login(env: NodeJS.ProcessEnv, apiUrl: string, username: string) {
    const cli = startCli(['login', '--api', apiUrl, '--no-browser'], env);
    const [, url] = await cli.waitForStderr(AUTHORIZATION_URL);
    await fetch(await authorizeAtDevIdp(idp.issuer, url, username));
    expect((await cli.result).status).toBe(0);
  }

  beforeAll(async () => {
    [idp, model] = await Promise.all([startDevIdp(), startDevAssistant({ paceMs: 0 })]);
    api = await startApi({
      issuer: idp.issuer,
      env: { CHAT_MODEL_URL: model.baseUrl, CHAT_TIMEOUT_S: '2' },
    });
    await login(alice.env, api.url, 'alice');
  });

  beforeEach(async () => {
    await model.reset();
  });

  afterAll(async () => {
    killAll();
    await api?.stop();
    await Promise.all([idp?.stop(), model?.stop()]);
    alice.remove();
  });

  it('streams the answer to stdout, then a newline; the model server never sees the token', async () => {
    await model.script({ chunks: ['Check ', 'the AWR ', 'report.'] });
    const result = await runCli(['ask', 'Why is my batch job slow?'], alice.env);
    expect(result).toEqual({ status: 0, stdout: 'Check the AWR report.\n', stderr: '' });
    const [request] = await model.requests();
    expect(JSON.stringify(request.body)).toContain('Why is my batch job slow?');
    expect(JSON.stringify(request.headers)).not.toContain(
      readSession(alice.sessionFile).accessToken,
    );
  });

  it('writes each piece as it arrives, before the answer is over', async () => {
    await model.script({ chunks: ['First. ', 'Second.'], chunkIntervalMs: 1_500 });
    const cli = startCli(['ask', 'Two sentences, please'], alice.env);
    await until(() => cli.stdout() === 'First. ', 'the first piece on stdout');
    expect((await model.requests())[0].finished).toBe(false);
    expect(await cli.result).toMatchObject({ status: 0, stdout: 'First. Second.\n' });
  });

  it('answers the whole chat.completion with --json', async () => {
    await model.script({ chunks: ['Use ', 'ASH.'] });
    const result = await runCli(['ask', 'Which view?', '--json'], alice.env);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      object: 'chat.completion',
      model: 'oracle-ai-dev',
      choices: [{ message: { role: 'assistant', content: 'Use ASH.' } }],
    });
  });

  it('reports an answer that fails midway: the text so far, a newline, one line, exit 1', async () => {
    await model.script({ chunks: ['Partial'], end: 'cut' });
    const result = await runCli(['ask', 'q'], alice.env);
    expect(result).toMatchObject({ status: 1, stdout: 'Partial\n' });
    expect(result.stderr).toMatch(/^oracle-ai: the answer stopped midway \(\w+\)(: .+)?\n$/);
  });

  it('reports the API’s 503 when the model server fails, with when to retry', async () => {
    await model.script({ status: 500, errorMessage: 'model crashed: secret detail' });
    const result = await runCli(['ask', 'q'], alice.env);
    expect(result).toMatchObject({ status: 1, stdout: '' });
    expect(result.stderr).toMatch(
      /^oracle-ai: the API answered 503 assistant_unavailable: .+; retry after \d+ s \(request id [\w:.-]+\)\n$/,
    );
    expect(result.stderr).not.toContain('secret detail');
  });

  it('reports the API’s 504 when the model server says nothing in time', async () => {
    await model.script({ headersDelayMs: 5_000, chunks: ['late'] });
    const result = await runCli(['ask', 'q'], alice.env);
    expect(result).toMatchObject({ status: 1, stdout: '' });
    expect(result.stderr).toMatch(/^oracle-ai: the API answered 504 assistant_timeout: .+\n$/);
  });

  it('stops on Ctrl-C: exit 130, and the API cancels the model server’s request', async () => {
    await model.script({ chunks: ['Thinking… '], end: 'hang' });
    const cli = startCli(['ask', 'q'], alice.env);
    await until(() => cli.stdout() === 'Thinking… ', 'the first piece on stdout');
    cli.child.kill('SIGINT');
    expect(await cli.result).toEqual({
      status: 130,
      stdout: 'Thinking… \n',
      stderr: 'oracle-ai: cancelled\n',
    });
    await model.waitForRequest((request) => request.clientAborted);
  });

  it('stops when the reader of stdout goes away (| head): exit 141, the model request cancelled', async () => {
    await model.script({ chunks: ['x'.repeat(2_000)], repeat: 500, chunkIntervalMs: 5 });
    const cli = startCli(['ask', 'q'], alice.env);
    await until(() => cli.stdout().length > 0, 'some answer on stdout');
    cli.child.stdout?.destroy();
    expect((await cli.result).status).toBe(141);
    await model.waitForRequest((request) => request.clientAborted);
  });

  it('passes on the refusal of a user without the chat group', async () => {
    const bob = cliHome();
    try {
      await login(bob.env, api.url, 'bob');
      const result = await runCli(['ask', 'q'], bob.env);
      expect(result).toMatchObject({ status: 1, stdout: '' });
      expect(result.stderr).toMatch(/^oracle-ai: the API answered 403 group_required: .+\n$/);
      expect(await model.requests()).toEqual([]);
    } finally {
      bob.remove();
    }
  });

  it('reports the per-user rate limit with its Retry-After', async () => {
    const limited = await startApi({
      issuer: idp.issuer,
      env: { CHAT_MODEL_URL: model.baseUrl, CHAT_RATE_PER_MINUTE: '1' },
    });
    try {
      const env = { ...alice.env, ORACLE_AI_API: limited.url };
      await model.script({ chunks: ['One.'] });
      expect((await runCli(['ask', 'first'], env)).status).toBe(0);
      const second = await runCli(['ask', 'second'], env);
      expect(second).toMatchObject({ status: 1, stdout: '' });
      expect(second.stderr).toMatch(
        /^oracle-ai: the API answered 429 rate_limited: .+; retry after \d+ s \(request id [\w:.-]+\)\n$/,
      );
    } finally {
      await limited.stop();
    }
  });
});
