import { builtApp } from './built-app';
import type { Readiness } from './readiness';
import type { RunningProcess } from './running-process';
import { startNodeProcess, type StartProcessOptions } from './start-process';
import { startOnFreePort } from './start-on-free-port';

export interface StartBuiltServerOptions
  extends Omit<StartProcessOptions, 'env' | 'readyWhen' | 'name'> {
  /** The Nx app whose build runs, e.g. `dev-idp`: `dist/apps/<app>/<script>`. */
  app: string;
  /** Default `main.js`. */
  script?: string;
  /** Names the server in errors, e.g. `dev IdP`. */
  name: string;
  /** Default: a free loopback port, another one when it is taken meanwhile. */
  port?: number;
  /** The child's whole environment, for the port it is to listen on. */
  env: (port: number) => NodeJS.ProcessEnv;
  /** When it counts as started, for that port; none: as soon as it is spawned. */
  readyWhen?: Readiness | ((port: number) => Readiness | undefined);
  /** Where `dist/` is; default: the workspace root above this lib. */
  workspaceRoot?: string;
}

/** A built server started by `startBuiltServer`, and the port it was given. */
export interface RunningServer extends RunningProcess {
  port: number;
}

/**
 * Runs the build of an Nx app that serves on `PORT` (or however `env` tells it) as a child
 * process, as production runs it, on a free loopback port unless `port` is given.
 */
export function startBuiltServer({
  app,
  script,
  port,
  env,
  readyWhen,
  workspaceRoot,
  ...options
}: StartBuiltServerOptions): Promise<RunningServer> {
  return startOnFreePort(port, async (free) => {
    const child = await startNodeProcess({
      ...builtApp(app, script, workspaceRoot),
      ...options,
      env: env(free),
      readyWhen: typeof readyWhen === 'function' ? readyWhen(free) : readyWhen,
    });
    return Object.assign(child, { port: free });
  });
}
