import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { API_MAIN, BENCH_DIST } from './paths';
import {
  freePort,
  pinnedCommand,
  startTracked,
  waitForListen,
  type TrackedProcess,
} from './processes';

/** A server under test: the built API, or a minimal peer built from `src/peers`. */
export interface ServerTarget {
  id: string;
  label: string;
  script: string;
  /** Extra env on top of the common NODE_ENV=production, HOST, PORT, AUTH_ISSUER, AUTH_AUDIENCE. */
  env?: Record<string, string>;
}

export const API_TARGET: ServerTarget = {
  id: 'api',
  label: 'oracle-ai API',
  script: API_MAIN,
  env: { LOG_LEVEL: 'warn' },
};

export const PEER_TARGETS: ServerTarget[] = [
  {
    id: 'jose',
    label: 'Fastify + jose remote JWKS',
    script: join(BENCH_DIST, 'peers/jose-server.js'),
  },
  {
    id: 'fast-jwt',
    label: 'Fastify + fast-jwt (cache, static key)',
    script: join(BENCH_DIST, 'peers/fast-jwt-server.js'),
  },
  {
    id: 'fastify-jwt',
    label: '@fastify/jwt + get-jwks (cache)',
    script: join(BENCH_DIST, 'peers/fastify-jwt-server.js'),
  },
  {
    id: 'express',
    label: 'Express + express-oauth2-jwt-bearer',
    script: join(BENCH_DIST, 'peers/express-server.js'),
  },
];

export interface RunningServer {
  target: ServerTarget;
  baseUrl: string;
  process: TrackedProcess;
  stop(): Promise<void>;
}

export interface StartOptions {
  issuer: string;
  audience: string;
  cpu: number | undefined;
  /** Resolve on the first accepted TCP connection (cold start) instead of a healthy /healthz. */
  untilListening?: boolean;
}

export async function startServer(
  target: ServerTarget,
  options: StartOptions,
): Promise<RunningServer> {
  if (!existsSync(target.script))
    throw new Error(`${target.script} is missing: run \`npx nx run api-bench:bench\` (it builds)`);
  const port = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    AUTH_ISSUER: options.issuer,
    AUTH_AUDIENCE: options.audience,
    ...target.env,
  };
  const [command, args] = pinnedCommand(options.cpu, process.execPath, [target.script]);
  const child = startTracked(command, args, env);
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForListen(port, child);
    if (!options.untilListening) await waitForHealthy(baseUrl);
  } catch (error) {
    await child.stop();
    throw new Error(`${target.label}: ${(error as Error).message}`);
  }
  return { target, baseUrl, process: child, stop: () => child.stop() };
}

async function waitForHealthy(baseUrl: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const response = await fetch(`${baseUrl}/healthz`).catch(() => undefined);
    if (response?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('/healthz never answered 200');
}
