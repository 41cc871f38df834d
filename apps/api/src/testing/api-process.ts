import { spawn, type ChildProcess } from 'node:child_process';
import { findFreePort } from '@oracle-ai/shared/testing-dev-idp';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const BUILT_API = resolve(__dirname, '../../../../dist/apps/api/main.js');

export interface ApiProcess {
  url: string;
  /** For signals the test sends itself. */
  pid: number;
  output(): string;
  stop(): Promise<number | null>;
  exited: Promise<number | null>;
}

/** Runs the built API (`nx build api`) exactly as production would: plain node, env only. */
export async function startApi(
  env: Record<string, string>,
  { waitForListen = true } = {},
): Promise<ApiProcess> {
  if (!existsSync(BUILT_API))
    throw new Error(`${BUILT_API} is missing: run "npx nx build api" first`);
  const port = env['PORT'] ?? String(await findFreePort());
  const child: ChildProcess = spawn(process.execPath, [BUILT_API], {
    env: { PATH: process.env['PATH'] ?? '', HOST: '127.0.0.1', PORT: port, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const api: ApiProcess = {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
  if (waitForListen) await waitForHealth(api);
  return api;
}

async function waitForHealth(api: ApiProcess): Promise<void> {
  const deadline = Date.now() + 15_000;
  let exitCode: number | null | undefined;
  void api.exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`API exited with ${exitCode}: ${api.output()}`);
    try {
      if ((await fetch(`${api.url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  await api.stop();
  throw new Error(`API did not become healthy within 15 s: ${api.output()}`);
}

/** Resolves once `/readyz` answers 200 (signing keys loaded); throws after 10 s. */
export async function waitUntilReady(api: ApiProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if ((await fetch(`${api.url}/readyz`)).status === 200) return;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`API at ${api.url} not ready within 10 s: ${api.output()}`);
}
