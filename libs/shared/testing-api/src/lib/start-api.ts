import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  findFreePort,
  ProcessStartError,
  startNodeProcess,
} from '@oracle-ai/shared/testing-node-process';

export interface StartApiOptions {
  /** `AUTH_ISSUER`: the IdP whose tokens the API accepts. */
  issuer: string;
  /** Defaults to a free loopback port. */
  port?: number;
  /**
   * More configuration, over the defaults (`AUTH_AUDIENCE=oracle-ai-api`, `LOG_LEVEL=warn`,
   * `API_PUBLIC_URL=http://127.0.0.1:<port>`), e.g. `CHAT_MODEL_URL`, `AUTH_DPOP`.
   */
  env?: Record<string, string>;
  /** `ready` (default): once `/readyz` passes (signing keys loaded); `listening`: `/healthz`. */
  waitFor?: 'ready' | 'listening';
}

export interface RunningApi {
  /** `http://127.0.0.1:<port>`, which is also its `API_PUBLIC_URL` unless `env` set another. */
  url: string;
  port: number;
  /** What it printed so far, stdout and stderr. */
  output(): string;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

const PORT_ATTEMPTS = 3;

/**
 * Runs the built API (`dist/apps/api/main.js`, from `npx nx build api`) as production runs it:
 * plain node, configured by environment variables only, on 127.0.0.1.
 */
export async function startApi(options: StartApiOptions): Promise<RunningApi> {
  const main = join(findWorkspaceRoot(), 'dist/apps/api/main.js');
  // A free port found by binding :0 can be taken before the child binds it: retry with another.
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await findFreePort());
    const url = `http://127.0.0.1:${port}`;
    try {
      const child = await startNodeProcess({
        name: 'API',
        main,
        buildCommand: 'npx nx build api',
        env: {
          PATH: process.env['PATH'] ?? '',
          HOST: '127.0.0.1',
          PORT: String(port),
          AUTH_ISSUER: options.issuer,
          AUTH_AUDIENCE: 'oracle-ai-api',
          API_PUBLIC_URL: url,
          LOG_LEVEL: 'warn',
          ...options.env,
        },
        readyWhen: { url: `${url}${options.waitFor === 'listening' ? '/healthz' : '/readyz'}` },
      });
      return {
        url,
        port,
        output: () => child.output(),
        stop: async () => {
          await child.stop();
        },
      };
    } catch (error) {
      const portTaken =
        error instanceof ProcessStartError && error.output.includes('already in use');
      if (!portTaken || options.port !== undefined || attempt >= PORT_ATTEMPTS) throw error;
    }
  }
}

/** The nearest folder above this file (or above the cwd, when loaded as ESM) with nx.json. */
function findWorkspaceRoot(): string {
  const starts = typeof __dirname === 'string' ? [__dirname, process.cwd()] : [process.cwd()];
  for (const start of starts) {
    for (let dir = start; ; dir = dirname(dir)) {
      if (existsSync(join(dir, 'nx.json'))) return dir;
      if (dirname(dir) === dir) break;
    }
  }
  throw new Error('cannot find the Nx workspace root (nx.json)');
}
