import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from './free-port';
import { ProcessStartError } from './process-start-error';
import { killStartedProcesses, startNodeProcess, startProcess } from './start-process';

jest.setTimeout(20_000);

describe('startNodeProcess', () => {
  let dir: string;
  const script = (name: string, source: string): string => {
    const path = join(dir, name);
    writeFileSync(path, source);
    return path;
  };
  /** An HTTP server on $PORT, answering 200 only after `READY_AFTER_MS`. */
  const server = () =>
    script(
      'server.js',
      `const started = Date.now();
       require('node:http').createServer((req, res) => {
         res.statusCode = Date.now() - started >= Number(process.env.READY_AFTER_MS ?? 0) ? 200 : 503;
         res.end();
       }).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));
       process.on('SIGTERM', () => process.exit(0));`,
    );

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'testing-node-process-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('resolves once a URL answers 2xx, and stop() ends it with SIGTERM', async () => {
    const port = await findFreePort();
    const child = await startNodeProcess({
      main: server(),
      env: { ...process.env, PORT: String(port), READY_AFTER_MS: '300' },
      readyWhen: { url: `http://127.0.0.1:${port}/healthz` },
    });
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    expect(child.isRunning()).toBe(true);
    expect(await child.stop()).toBe(0);
    expect(child.isRunning()).toBe(false);
  });

  it('resolves on the first accepted TCP connection, before any route answers 2xx', async () => {
    const port = await findFreePort();
    const child = await startNodeProcess({
      main: server(),
      env: { ...process.env, PORT: String(port), READY_AFTER_MS: '60000' },
      readyWhen: { tcpPort: port },
      pollIntervalMs: 2,
    });
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(503);
    await child.stop();
  });

  it('resolves once the output includes a line, and keeps stdout and stderr', async () => {
    const child = await startNodeProcess({
      main: script(
        'lines.js',
        `console.error('warming up'); setTimeout(() => console.log('ready now'), 100);
         setInterval(() => {}, 1000);`,
      ),
      readyWhen: { outputIncludes: 'ready now' },
    });
    expect(child.output()).toBe('warming up\nready now\n');
    expect(await child.stop()).toBeNull(); // no SIGTERM handler: ended by the signal
  });

  it('fails with the output when the process exits before it is ready', async () => {
    const start = startNodeProcess({
      name: 'broken server',
      main: script('exits.js', `console.error('PORT must be a whole number'); process.exit(1);`),
      readyWhen: { url: 'http://127.0.0.1:1/' },
    });
    await expect(start).rejects.toBeInstanceOf(ProcessStartError);
    await expect(start).rejects.toMatchObject({
      code: 'ERR_PROCESS_EXITED_EARLY',
      message:
        'broken server exited with code 1 before it was ready; its output:\nPORT must be a whole number',
      output: 'PORT must be a whole number\n',
    });
  });

  it('stops the process and fails with the output when it is not ready in time', async () => {
    const main = script(
      'pid.js',
      `console.log('pid ' + process.pid); setInterval(() => {}, 1000);`,
    );
    const start = startNodeProcess({
      main,
      readyWhen: { outputIncludes: 'never printed' },
      readyTimeoutMs: 300,
    });
    const error = (await start.catch((e: unknown) => e)) as ProcessStartError;
    expect(error).toMatchObject({ code: 'ERR_PROCESS_NOT_READY' });
    expect(error.message).toMatch(
      new RegExp(`^${main} was not ready within 0.3 s; its output:\\npid \\d+$`),
    );
    const pid = Number(/pid (\d+)/.exec(error.output)?.[1]);
    expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
  });

  it('names the build command when the script is missing', async () => {
    await expect(
      startNodeProcess({ main: join(dir, 'dist/main.js'), buildCommand: 'npx nx build api' }),
    ).rejects.toMatchObject({
      code: 'ERR_PROCESS_MAIN_MISSING',
      message: `${join(dir, 'dist/main.js')} is missing: run \`npx nx build api\` first`,
    });
  });

  it('escalates to SIGKILL when SIGTERM is ignored', async () => {
    const child = await startNodeProcess({
      main: script(
        'stubborn.js',
        `process.on('SIGTERM', () => console.log('ignored')); console.log('up');
         setInterval(() => {}, 1000);`,
      ),
      readyWhen: { outputIncludes: 'up' },
      stopGraceMs: 200,
    });
    expect(await child.stop()).toBeNull();
    expect(child.output()).toContain('ignored');
  });

  it('runs the command through wrapCommand, which keeps the pid', async () => {
    const child = await startNodeProcess({
      main: script('env.js', `console.log(process.pid, process.env.WRAPPED);`),
      env: { PATH: process.env['PATH'] },
      wrapCommand: (command, args) => ['env', ['WRAPPED=yes', command, ...args]],
    });
    expect(await child.exited).toBe(0);
    expect(child.output()).toBe(`${child.pid} yes\n`);
  });
});

describe('startProcess', () => {
  it('fails clearly when the command cannot be spawned', async () => {
    await expect(startProcess('no-such-command-here', [], { name: 'wrk' })).rejects.toMatchObject({
      code: 'ERR_PROCESS_SPAWN_FAILED',
      message: expect.stringMatching(
        /^wrk could not be started: spawn no-such-command-here ENOENT/,
      ),
    });
  });
});

describe('killStartedProcesses', () => {
  it('kills every process still running, synchronously', async () => {
    const child = await startProcess(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    killStartedProcesses();
    expect(await child.exited).toBeNull();
  });
});
