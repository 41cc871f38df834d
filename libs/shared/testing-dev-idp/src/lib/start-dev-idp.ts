import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DevIdpError } from './dev-idp-error';
import { findFreePort } from './free-port';

export interface StartDevIdpOptions {
  /** Defaults to a free loopback port. */
  port?: number;
  /** Origins of the SPA under test; each gets `/auth/callback` and `/logged-out` registered. */
  webOrigins?: string[];
  accessTokenTtlS?: number;
  /** Enables `POST /dev/rotate-keys` (see `rotateSigningKeys`). */
  enableTestEndpoints?: boolean;
}

export interface RunningDevIdp {
  /** `http://localhost:<port>` */
  issuer: string;
  port: number;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

const READY_LINE = 'dev-idp: listening on';
const READY_TIMEOUT_MS = 20_000;
const STOP_GRACE_MS = 5_000;
const PORT_ATTEMPTS = 3;

/**
 * Runs the built dev IdP (`dist/apps/dev-idp/main.js`, from `npx nx build dev-idp`) as a child
 * process, as it runs in `npm start`, and resolves once it is listening.
 */
export async function startDevIdp(options: StartDevIdpOptions = {}): Promise<RunningDevIdp> {
  const mainPath = join(findWorkspaceRoot(), 'dist/apps/dev-idp/main.js');
  if (!existsSync(mainPath)) {
    throw new DevIdpError(
      'ERR_DEV_IDP_START_FAILED',
      `${mainPath} is missing — run \`npx nx build dev-idp\` first`,
    );
  }
  // A free port found by binding :0 can be taken before the child binds it: retry with another.
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await findFreePort());
    try {
      return await spawnDevIdp(mainPath, port, options);
    } catch (error) {
      const portTaken = error instanceof DevIdpError && error.message.includes('already in use');
      if (!portTaken || options.port !== undefined || attempt >= PORT_ATTEMPTS) {
        throw error;
      }
    }
  }
}

function spawnDevIdp(
  mainPath: string,
  port: number,
  options: StartDevIdpOptions,
): Promise<RunningDevIdp> {
  const issuer = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DEV_IDP_ISSUER: issuer,
    DEV_IDP_ENABLE_TEST_ENDPOINTS: String(options.enableTestEndpoints ?? false),
  };
  if (options.webOrigins) {
    env['DEV_IDP_WEB_ORIGINS'] = options.webOrigins.join(',');
  }
  if (options.accessTokenTtlS !== undefined) {
    env['DEV_IDP_ACCESS_TOKEN_TTL_S'] = String(options.accessTokenTtlS);
  }
  const child = spawn(process.execPath, [mainPath], { env, stdio: ['ignore', 'pipe', 'pipe'] });

  return new Promise((resolve, reject) => {
    let output = '';
    const fail = (reason: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(
        new DevIdpError('ERR_DEV_IDP_START_FAILED', `dev IdP ${reason}; its output:\n${output}`),
      );
    };
    const timer = setTimeout(
      () => fail(`not ready within ${READY_TIMEOUT_MS / 1000} s`),
      READY_TIMEOUT_MS,
    );
    const onOutput = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(READY_LINE)) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve({ issuer, port, stop: () => stop(child) });
      }
    };
    const onExit = (code: number | null, signal: string | null) =>
      fail(`exited before it was ready (code ${code}, signal ${signal})`);
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    child.once('exit', onExit);
    child.once('error', (error) => fail(`could not be spawned: ${error.message}`));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The nearest folder above this file (or above the cwd, when loaded as ESM) with nx.json. */
function findWorkspaceRoot(): string {
  const starts = typeof __dirname === 'string' ? [__dirname, process.cwd()] : [process.cwd()];
  for (const start of starts) {
    for (let dir = start; ; dir = dirname(dir)) {
      if (existsSync(join(dir, 'nx.json'))) {
        return dir;
      }
      if (dirname(dir) === dir) {
        break;
      }
    }
  }
  throw new DevIdpError('ERR_DEV_IDP_START_FAILED', 'cannot find the Nx workspace root (nx.json)');
}
