import { join } from 'node:path';
import {
  findFreePort,
  startNodeProcess,
  type RunningProcess,
} from '@oracle-ai/shared/testing-node-process';
import { pinnedTo } from './cpu-plan';
import { API_MAIN, BENCH_DIST } from './paths';
import { ROUND_KINDS, type RoundKind } from './rounds';

/** A server under test: the built API, or a minimal peer built from `src/peers`. */
export interface ServerTarget {
  id: string;
  label: string;
  script: string;
  /** Extra env on top of the common NODE_ENV=production, HOST, PORT, AUTH_ISSUER, AUTH_AUDIENCE. */
  env?: Record<string, string>;
  /** The round kinds it takes part in. */
  rounds: readonly RoundKind[];
  /** Started with a metrics listener of its own (the API as operators run it). */
  metrics?: boolean;
}

/** Every kind but the DPoP one, which only the API supports. */
const BEARER_ROUNDS = ROUND_KINDS.filter((kind) => kind !== 'dpop');

export const API_TARGET: ServerTarget = {
  id: 'api',
  label: 'oracle-ai API',
  script: API_MAIN,
  env: { LOG_LEVEL: 'warn' },
  rounds: ROUND_KINDS,
  metrics: true,
};

/**
 * Bare Fastify answering `/healthz` as the API does, with nothing in front of the route: the
 * yardstick of what the API's own plugins (CORS, request ids, drain, hooks) cost every request.
 * Measured in the API's block, floor rounds only.
 */
export const BARE_TARGET: ServerTarget = {
  id: 'bare',
  label: 'bare Fastify (floor only)',
  script: join(BENCH_DIST, 'peers/bare-fastify-server.js'),
  rounds: ['floor'],
};

export const PEER_TARGETS: ServerTarget[] = [
  {
    id: 'jose',
    label: 'Fastify + jose remote JWKS',
    script: join(BENCH_DIST, 'peers/jose-server.js'),
    rounds: BEARER_ROUNDS,
  },
  {
    id: 'fast-jwt',
    label: 'Fastify + fast-jwt (cache, static key)',
    script: join(BENCH_DIST, 'peers/fast-jwt-server.js'),
    rounds: BEARER_ROUNDS,
  },
  {
    id: 'fastify-jwt',
    label: '@fastify/jwt + get-jwks (cache)',
    script: join(BENCH_DIST, 'peers/fastify-jwt-server.js'),
    rounds: BEARER_ROUNDS,
  },
  {
    id: 'express',
    label: 'Express + express-oauth2-jwt-bearer',
    script: join(BENCH_DIST, 'peers/express-server.js'),
    rounds: BEARER_ROUNDS,
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
  const metricsPort = target.metrics ? String(await findFreePort()) : undefined;
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
      // DPoP proofs name the URL the load generator requests.
      API_PUBLIC_URL: baseUrl,
      ...(metricsPort !== undefined && { METRICS_PORT: metricsPort }),
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
