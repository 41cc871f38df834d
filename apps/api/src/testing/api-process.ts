import {
  findFreePort,
  startNodeProcess,
  type RunningProcess,
} from '@oracle-ai/shared/testing-node-process';
import { resolve } from 'node:path';

export const BUILT_API = resolve(__dirname, '../../../../dist/apps/api/main.js');

export interface ApiProcess extends RunningProcess {
  url: string;
}

/** Runs the built API (`nx build api`) exactly as production would: plain node, env only. */
export async function startApi(
  env: Record<string, string>,
  { waitForListen = true } = {},
): Promise<ApiProcess> {
  const port = env['PORT'] ?? String(await findFreePort());
  const url = `http://127.0.0.1:${port}`;
  const api = await startNodeProcess({
    name: 'API',
    main: BUILT_API,
    buildCommand: 'npx nx build api',
    env: { PATH: process.env['PATH'] ?? '', HOST: '127.0.0.1', PORT: port, ...env },
    readyWhen: waitForListen ? { url: `${url}/healthz` } : undefined,
  });
  return { ...api, url };
}

/** Resolves once `/readyz` answers 200 (signing keys loaded); throws after 10 s. */
export async function waitUntilReady(api: ApiProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if ((await fetch(`${api.url}/readyz`)).status === 200) return;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`API at ${api.url} not ready within 10 s: ${api.output()}`);
}
