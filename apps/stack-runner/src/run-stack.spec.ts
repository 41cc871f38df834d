import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findFreePort } from '@oracle-ai/shared/testing-node-process';
import {
  isListening,
  processTree,
  startHarnessed,
  survivors,
  waitFor,
  type HarnessedProcess,
  type ProcessInfo,
} from './testing/run-harness';

jest.setTimeout(30_000);

const WORKSPACE = resolve(__dirname, '../../..');
const MAIN = join(__dirname, 'main.ts');

/**
 * What task runners and servers do that outlives a naive stop: a server in a session of its own
 * holding a port (as nx starts its tasks), a process that ignores stop signals, one orphaned at
 * once (`cmd &` in a script that exits), and output that never stops. Exits with the given code
 * after a second when one is given.
 */
const FAKE_STACK = `
const { spawn } = require('node:child_process');
const [port, orphanPidFile, exitCode] = process.argv.slice(2);
spawn(process.execPath, ['-e', "require('node:net').createServer().listen(" + port + ", '127.0.0.1')"], {
  detached: true,
  stdio: 'ignore',
});
spawn('sh', ['-c', "trap '' TERM INT HUP; while :; do sleep 1; done"], { stdio: 'ignore' });
spawn('sh', ['-c', 'sleep 600 & echo $! > ' + orphanPidFile], { stdio: 'ignore' });
console.log('fake stack ready');
if (exitCode) setTimeout(() => process.exit(Number(exitCode)), 1000);
else setInterval(() => console.log('still running'), 10);
`;

describe('stack-runner', () => {
  let dir: string;
  let fakeStack: string;
  let orphanPidFile: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stack-runner-'));
    fakeStack = join(dir, 'fake-stack.cjs');
    orphanPidFile = join(dir, 'orphan.pid');
    writeFileSync(fakeStack, FAKE_STACK);
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function runner(args: string[]): HarnessedProcess {
    return startHarnessed(process.execPath, ['--import', 'tsx', MAIN, ...args], {
      cwd: WORKSPACE,
    });
  }

  /** The fake stack under the runner, once all of it runs: every process of it. */
  async function startFakeStack(
    port: number,
    { stopGraceS = 1, exitCode }: { stopGraceS?: number; exitCode?: number } = {},
  ): Promise<{ stack: HarnessedProcess; started: ProcessInfo[] }> {
    const stack = runner([
      '--stop-grace-s',
      String(stopGraceS),
      '--',
      process.execPath,
      fakeStack,
      String(port),
      orphanPidFile,
      ...(exitCode === undefined ? [] : [String(exitCode)]),
    ]);
    await waitFor(
      async () =>
        stack.output().includes('fake stack ready') &&
        existsSync(orphanPidFile) &&
        readFileSync(orphanPidFile, 'utf8').trim() !== '' &&
        (await isListening(port)),
      'the fake stack',
    );
    const orphanPid = Number(readFileSync(orphanPidFile, 'utf8'));
    const orphan = processTree(orphanPid).filter(({ pid }) => pid === orphanPid);
    const started = [...processTree(stack.child.pid ?? 0), ...orphan];
    // The runner, the fake stack, the server, the shell ignoring SIGTERM, the orphan.
    expect(started.length).toBeGreaterThanOrEqual(5);
    expect(orphan).toHaveLength(1);
    return { stack, started };
  }

  async function expectAllEnded(started: ProcessInfo[], port: number): Promise<void> {
    await waitFor(
      async () => survivors(started).length === 0 && !(await isListening(port)),
      'every process of the stack to end and its port to be free',
    );
  }

  it.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)(
    '%s to its process group, its output closed: every process ends, the port is free',
    async (signal) => {
      const port = await findFreePort();
      const { stack, started } = await startFakeStack(port);
      stack.signalGroup(signal);
      stack.closePipes();
      await expectAllEnded(started, port);
      // The process ignoring stop signals had to be killed.
      expect(await stack.exited).toBe(1);
    },
  );

  it('(without the runner, the same stop leaves the server holding its port: what it is for)', async () => {
    const port = await findFreePort();
    const bare = startHarnessed(process.execPath, [fakeStack, String(port), orphanPidFile]);
    await waitFor(async () => await isListening(port), 'the fake stack');
    const started = processTree(bare.child.pid ?? 0);
    bare.signalGroup('SIGTERM');
    bare.closePipes();
    await bare.exited;
    const left = survivors(started);
    try {
      expect(await isListening(port)).toBe(true);
      expect(left.map(({ commandLine }) => commandLine)).toEqual(
        expect.arrayContaining([expect.stringContaining('createServer')]),
      );
    } finally {
      for (const { pid } of left) process.kill(pid, 'SIGKILL');
    }
  });

  it('a second signal a second later kills at once, without waiting for the grace', async () => {
    const port = await findFreePort();
    const { stack, started } = await startFakeStack(port, { stopGraceS: 60 });
    stack.signalGroup('SIGTERM');
    await waitFor(() => survivors(started).length <= 3, 'the processes that obey SIGTERM');
    await new Promise((done) => setTimeout(done, 1_100));
    const hurriedAt = Date.now();
    stack.signalGroup('SIGTERM');
    await expectAllEnded(started, port);
    expect(Date.now() - hurriedAt).toBeLessThan(5_000);
    expect(stack.output()).toMatch(/stack-runner: killed \d process\(es\) still running/);
  });

  it('when the command ends by itself, stops the rest and exits with its code', async () => {
    const port = await findFreePort();
    const { stack, started } = await startFakeStack(port, { exitCode: 3 });
    expect(await stack.exited).toBe(3);
    await expectAllEnded(started, port);
  });

  it('passes the output on, and the environment without PORT or HOST', async () => {
    const plain = startHarnessed(
      process.execPath,
      [
        '--import',
        'tsx',
        MAIN,
        '--',
        'sh',
        '-c',
        'echo "port=${PORT-unset} host=${HOST-unset}"; echo err >&2',
      ],
      { cwd: WORKSPACE, env: { ...process.env, PORT: '1', HOST: 'h' } },
    );
    expect(await plain.exited).toBe(0);
    expect(plain.output()).toContain('port=unset host=unset');
    expect(plain.output()).toContain('err');
  });

  it.each([[[]], [['--']], [['--stop-grace-s', '0', '--', 'true']], [['--nope', '--', 'true']]])(
    'refuses the arguments %j with its usage',
    async (args) => {
      const refused = runner(args);
      expect(await refused.exited).toBe(2);
      expect(refused.output()).toContain('usage: stack-runner');
    },
  );
});
