import {
  readableBuildCopy,
  startProcess,
  type RunningProcess,
  type StartProcessOptions,
} from '@oracle-ai/shared/testing-node-process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningWebServer {
  /** `http://localhost:<port>` */
  origin: string;
  process: RunningProcess;
  stop(): Promise<void>;
}

export interface StartWebServerOptions {
  workspaceRoot: string;
  port: number;
  /** `WEB_*` variables; `WEB_HOST` (127.0.0.1), `WEB_PORT` and `WEB_RUNTIME_DIR` are set here. */
  env: Record<string, string>;
  /** Runs it as this (unprivileged) user; the caller must be root. */
  runAs?: { uid: number; gid: number };
}

/**
 * Runs the production web server as it runs in production: `start-web-server.sh` from the build
 * (`npx nx build web-server`), i.e. the WEB_* check, then nginx in the foreground. Resolves once
 * `/config.json` answers; rejects with a `ProcessStartError` carrying its output when it exits first.
 */
export async function startWebServer(options: StartWebServerOptions): Promise<RunningWebServer> {
  const script = join(options.workspaceRoot, 'dist/apps/web-server/start-web-server.sh');
  if (!existsSync(script)) {
    throw new Error(`${script} is missing: run \`npx nx build web-server\` first`);
  }
  const runtimeDir = mkdtempSync(join(tmpdir(), 'web-e2e-nginx-'));
  if (options.runAs) chownSync(runtimeDir, options.runAs.uid, options.runAs.gid);
  const buildCopy = readableBuildCopy(options.workspaceRoot, [
    'dist/apps/web-server',
    'dist/apps/web/browser',
  ]);
  const removeRuntimeDir = () => {
    rmSync(runtimeDir, { recursive: true, force: true });
    if (buildCopy !== undefined) rmSync(buildCopy, { recursive: true, force: true });
  };
  try {
    const startScript =
      buildCopy === undefined
        ? script
        : join(buildCopy, 'dist/apps/web-server/start-web-server.sh');
    const child = await startProcess('sh', [startScript], {
      name: 'web server',
      env: {
        PATH: process.env['PATH'],
        WEB_HOST: '127.0.0.1',
        WEB_PORT: String(options.port),
        WEB_RUNTIME_DIR: runtimeDir,
        ...options.env,
      },
      readyWhen: { url: `http://127.0.0.1:${options.port}/config.json` },
      wrapCommand: options.runAs && asUser(options.runAs),
    });
    return {
      origin: `http://localhost:${options.port}`,
      process: child,
      stop: async () => {
        await child.stop();
        removeRuntimeDir();
      },
    };
  } catch (error) {
    removeRuntimeDir();
    throw error;
  }
}

function asUser({ uid, gid }: { uid: number; gid: number }): StartProcessOptions['wrapCommand'] {
  return (command, args) => [
    'setpriv',
    [`--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', command, ...args],
  ];
}
