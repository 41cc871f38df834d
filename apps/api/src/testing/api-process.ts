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
