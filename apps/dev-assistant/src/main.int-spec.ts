import {
  builtApp,
  findFreePort,
  startNodeProcess,
  type RunningProcess,
} from '@oracle-ai/shared/testing-node-process';

jest.setTimeout(30_000);

/** The built server with exactly `env` (and PATH), started from its main file. */
function run(env: Record<string, string>, readyLine?: string): Promise<RunningProcess> {
  return startNodeProcess({
    ...builtApp('dev-assistant'),
    name: 'dev model server',
    env: { PATH: process.env['PATH'], ...env },
    readyWhen: readyLine ? { outputIncludes: readyLine } : undefined,
  });
}

describe('the built server (main.js)', () => {
  it('prints its ready line, serves, and exits 0 on SIGTERM', async () => {
    const port = String(await findFreePort());
    const server = await run(
      { PORT: port, DEV_ASSISTANT_MODEL: 'dev-model' },
      'dev-assistant: listening on',
    );
    expect(server.output()).toBe(`dev-assistant: listening on http://localhost:${port}\n`);
    const models = await (await fetch(`http://127.0.0.1:${port}/v1/models`)).json();
    expect(models.data[0].id).toBe('dev-model');
    // Off by default: the test API does not exist.
    expect((await fetch(`http://127.0.0.1:${port}/test/requests`)).status).toBe(404);
    expect(await server.stop()).toBe(0);
  });

  it.each([
    [
      { PORT: 'eighty' },
      'dev-assistant: PORT must be a whole number from 1 to 65535 (got "eighty")',
    ],
    [
      { DEV_ASSISTANT_PACE_MS: 'fast' },
      'dev-assistant: DEV_ASSISTANT_PACE_MS must be a whole number from 0 to 10000 (got "fast")',
    ],
    [
      { DEV_ASSISTANT_ENABLE_TEST_ENDPOINTS: 'on' },
      'dev-assistant: DEV_ASSISTANT_ENABLE_TEST_ENDPOINTS must be one of true, false (got "on")',
    ],
    [
      { NODE_ENV: 'production' },
      'dev-assistant: NODE_ENV is "production": the dev model server is for development and tests only and refuses to start',
    ],
  ])('%j exits 1 with one line', async (env, line) => {
    const server = await run(env);
    expect(await server.exited).toBe(1);
    expect(server.output()).toBe(`${line}\n`);
  });

  it('exits 1 with one line when its port is taken', async () => {
    const port = String(await findFreePort());
    const first = await run({ PORT: port }, 'dev-assistant: listening on');
    const second = await run({ PORT: port });
    expect(await second.exited).toBe(1);
    expect(second.output()).toBe(
      `dev-assistant: port ${port} is already in use — stop the other process or set PORT\n`,
    );
    await first.stop();
  });
});
