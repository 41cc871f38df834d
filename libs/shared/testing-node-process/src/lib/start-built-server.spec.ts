import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { holdPort } from './free-port';
import { ProcessStartError } from './process-start-error';
import { startBuiltServer } from './start-built-server';
import { startOnFreePort } from './start-on-free-port';

jest.setTimeout(20_000);

const taken = (port: number) =>
  new ProcessStartError(
    'ERR_PROCESS_EXITED_EARLY',
    'server exited',
    `port ${port} is already in use\n`,
  );

describe('startOnFreePort', () => {
  it('tries another free port when the one it found was taken meanwhile', async () => {
    const tried: number[] = [];
    const started = await startOnFreePort(undefined, async (port) => {
      tried.push(port);
      if (tried.length < 3) throw taken(port);
      return `on ${port}`;
    });
    expect(tried).toHaveLength(3);
    expect(started).toBe(`on ${tried[2]}`);
  });

  it('gives up after three attempts with the last failure', async () => {
    const tried: number[] = [];
    const start = startOnFreePort(undefined, async (port) => {
      tried.push(port);
      throw taken(port);
    });
    const error = (await start.catch((e: unknown) => e)) as ProcessStartError;
    expect(tried).toHaveLength(3);
    expect(error.output).toBe(`port ${tried[2]} is already in use\n`);
  });

  it('tries a given port once', async () => {
    const tried: number[] = [];
    const start = startOnFreePort(4321, async (port) => {
      tried.push(port);
      throw taken(port);
    });
    await expect(start).rejects.toBeInstanceOf(ProcessStartError);
    expect(tried).toEqual([4321]);
  });

  it('does not retry any other failure', async () => {
    let attempts = 0;
    const start = startOnFreePort(undefined, async () => {
      attempts++;
      throw new ProcessStartError('ERR_PROCESS_EXITED_EARLY', 'server exited', 'PORT is bad\n');
    });
    await expect(start).rejects.toMatchObject({ output: 'PORT is bad\n' });
    expect(attempts).toBe(1);
  });
});

describe('startBuiltServer', () => {
  let workspace: string;

  beforeAll(() => {
    workspace = mkdtempSync(join(tmpdir(), 'testing-node-process-built-'));
    mkdirSync(join(workspace, 'dist/apps/echo'), { recursive: true });
    writeFileSync(
      join(workspace, 'dist/apps/echo/main.js'),
      `require('node:http').createServer((req, res) => res.end(process.env.GREETING))
         .on('error', (error) => { console.error('echo: port ' + error.port + ' is already in use'); process.exit(1); })
         .listen(Number(process.env.PORT), '127.0.0.1', () => console.log('echo: listening'));
       process.on('SIGTERM', () => process.exit(0));`,
    );
  });

  afterAll(() => {
    rmSync(workspace, { recursive: true, force: true });
  });

  it('runs the build on a free port with the environment made for that port', async () => {
    const server = await startBuiltServer({
      app: 'echo',
      name: 'echo server',
      workspaceRoot: workspace,
      env: (port) => ({ PORT: String(port), GREETING: `hello on ${port}` }),
      readyWhen: (port) => ({ url: `http://127.0.0.1:${port}/` }),
    });
    try {
      expect(await (await fetch(`http://127.0.0.1:${server.port}/`)).text()).toBe(
        `hello on ${server.port}`,
      );
      expect(server.output()).toBe('echo: listening\n');
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('fails with the output on a given port that is taken', async () => {
    const held = await holdPort();
    try {
      const start = startBuiltServer({
        app: 'echo',
        name: 'echo server',
        workspaceRoot: workspace,
        port: held.port,
        env: (port) => ({ PORT: String(port) }),
        readyWhen: { outputIncludes: 'echo: listening' },
      });
      await expect(start).rejects.toMatchObject({
        code: 'ERR_PROCESS_EXITED_EARLY',
        message: `echo server exited with code 1 before it was ready; its output:\necho: port ${held.port} is already in use`,
      });
    } finally {
      await held.release();
    }
  });

  it('names the build command when the app is not built', async () => {
    await expect(
      startBuiltServer({
        app: 'not-built',
        name: 'nothing',
        workspaceRoot: workspace,
        env: () => ({}),
      }),
    ).rejects.toMatchObject({
      code: 'ERR_PROCESS_MAIN_MISSING',
      message: `${join(workspace, 'dist/apps/not-built/main.js')} is missing: run \`npx nx build not-built\` first`,
    });
  });
});
