import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface RunningApi {
  origin: string;
  /** What the API has written to stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 20_000;

/** Runs the built API (`dist/apps/api/main.js`) configured only by env, as in production. */
export async function startApi(options: {
  workspaceRoot: string;
  port: number;
  issuer: string;
  webOrigin: string;
  /** `ready` (default): resolve once `/readyz` passes; `listening`: once `/healthz` answers. */
  waitFor?: 'ready' | 'listening';
}): Promise<RunningApi> {
  const child = spawn(process.execPath, [join(options.workspaceRoot, 'dist/apps/api/main.js')], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(options.port),
      AUTH_ISSUER: options.issuer,
      AUTH_AUDIENCE: 'oracle-ai-api',
      CORS_ORIGINS: options.webOrigin,
      LOG_LEVEL: options.waitFor === 'listening' ? 'info' : 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(killer);
        resolve();
      });
      child.kill('SIGTERM');
    });

  const path = options.waitFor === 'listening' ? '/healthz' : '/readyz';
  const readyUrl = `http://127.0.0.1:${options.port}${path}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`API exited with code ${child.exitCode}:\n${output}`);
    }
    try {
      if ((await fetch(readyUrl)).ok) {
        return { origin: `http://localhost:${options.port}`, output: () => output, stop };
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error(`API not ready within ${READY_TIMEOUT_MS / 1000} s:\n${output}`);
}
