import { startNodeProcess } from '@oracle-ai/shared/testing-node-process';
import { join } from 'node:path';

export interface RunningApi {
  origin: string;
  /** What the API has written to stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

/** Runs the built API (`dist/apps/api/main.js`) configured only by env, as in production. */
export async function startApi(options: {
  workspaceRoot: string;
  port: number;
  issuer: string;
  webOrigin: string;
  /** `ready` (default): resolve once `/readyz` passes; `listening`: once `/healthz` answers. */
  waitFor?: 'ready' | 'listening';
  /** More configuration, e.g. `AUTH_DPOP_NONCE`. */
  env?: Record<string, string>;
}): Promise<RunningApi> {
  const api = await startNodeProcess({
    name: 'API',
    main: join(options.workspaceRoot, 'dist/apps/api/main.js'),
    buildCommand: 'npx nx build api',
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(options.port),
      // What the browser calls it: the base of every DPoP proof's htu.
      API_PUBLIC_URL: `http://localhost:${options.port}`,
      AUTH_ISSUER: options.issuer,
      AUTH_AUDIENCE: 'oracle-ai-api',
      CORS_ORIGINS: options.webOrigin,
      LOG_LEVEL: options.waitFor === 'listening' ? 'info' : 'warn',
      ...options.env,
    },
    readyWhen: {
      url: `http://127.0.0.1:${options.port}${options.waitFor === 'listening' ? '/healthz' : '/readyz'}`,
    },
  });
  return {
    origin: `http://localhost:${options.port}`,
    output: () => api.output(),
    stop: async () => {
      await api.stop();
    },
  };
}
