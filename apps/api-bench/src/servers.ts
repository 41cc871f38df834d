import { join } from 'node:path';
import {
  findFreePort,
  startNodeProcess,
  type RunningProcess,
} from '@oracle-ai/shared/testing-node-process';
import { pinnedTo } from './cpu-plan';
import { API_MAIN, BENCH_DIST } from './paths';

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
  process: RunningProcess;
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
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = await startNodeProcess({
    name: target.label,
    main: target.script,
    buildCommand: 'npx nx run api-bench:bench',
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      AUTH_ISSUER: options.issuer,
      AUTH_AUDIENCE: options.audience,
      ...target.env,
    },
    // A cold start is measured from the moment the port accepts: poll it tightly.
    readyWhen: options.untilListening ? { tcpPort: port } : { url: `${baseUrl}/healthz` },
    pollIntervalMs: options.untilListening ? 2 : 50,
    wrapCommand: pinnedTo(options.cpu),
  });
  return {
    target,
    baseUrl,
    process: child,
    stop: async () => {
      await child.stop();
    },
  };
}
