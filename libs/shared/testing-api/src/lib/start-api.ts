import { startBuiltServer, type RunningProcess } from '@oracle-ai/shared/testing-node-process';

export interface StartApiOptions {
  /** `AUTH_ISSUER`: the IdP whose tokens it accepts. Left out only to test a refused start. */
  issuer?: string;
  /** Defaults to a free loopback port (another one when it is taken meanwhile). */
  port?: number;
  /**
   * The host in `url` and in the default `API_PUBLIC_URL`: `127.0.0.1`, or `localhost` for
   * pages that call the API by that name, as the SPA does in development.
   */
  urlHost?: '127.0.0.1' | 'localhost';
  /**
   * More configuration, over the defaults (`HOST=127.0.0.1`, `PORT`, `AUTH_ISSUER`,
   * `AUTH_AUDIENCE=oracle-ai-api`, `API_PUBLIC_URL=<url>`), e.g. `CHAT_MODEL_URL`, `LOG_LEVEL`.
   * Nothing else of the calling process reaches the API but `PATH`.
   */
  env?: Record<string, string>;
  /**
   * `ready` (default): once `/readyz` answers 200 (signing keys loaded); `listening`: once
   * `/healthz` does; `spawned`: at once, for tests of how it starts or refuses to.
   */
  waitFor?: 'ready' | 'listening' | 'spawned';
  /** Where `dist/apps/api/main.js` is; default: the workspace root above this lib. */
  workspaceRoot?: string;
}

/** The running API: its process (output, exit code, stop) and where it listens. */
export interface RunningApi extends RunningProcess {
  /** `http://<urlHost>:<port>`, also its `API_PUBLIC_URL` unless `env` set another. */
  url: string;
  port: number;
}

const READY_PATHS = { ready: '/readyz', listening: '/healthz' } as const;

/**
 * Runs the built API (`dist/apps/api/main.js`, from `npx nx build api`) as production runs it:
 * plain node, configured by environment variables only, listening on 127.0.0.1.
 */
export async function startApi(options: StartApiOptions = {}): Promise<RunningApi> {
  const { waitFor = 'ready', urlHost = '127.0.0.1' } = options;
  const server = await startBuiltServer({
    app: 'api',
    name: 'API',
    port: options.port,
    workspaceRoot: options.workspaceRoot,
    env: (port) => apiEnv(port, `http://${urlHost}:${port}`, options),
    readyWhen:
      waitFor === 'spawned'
        ? undefined
        : (port) => ({ url: `http://127.0.0.1:${port}${READY_PATHS[waitFor]}` }),
  });
  return Object.assign(server, { url: `http://${urlHost}:${server.port}` });
}

function apiEnv(port: number, url: string, options: StartApiOptions): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'],
    HOST: '127.0.0.1',
    PORT: String(port),
    ...(options.issuer === undefined ? {} : { AUTH_ISSUER: options.issuer }),
    AUTH_AUDIENCE: 'oracle-ai-api',
    API_PUBLIC_URL: url,
    ...options.env,
  };
}
