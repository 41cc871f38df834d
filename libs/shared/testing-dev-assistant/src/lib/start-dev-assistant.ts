import { startBuiltServer } from '@oracle-ai/shared/testing-node-process';
import type {
  DevAssistantRequest,
  DevAssistantScript,
} from '@oracle-ai/shared/util-dev-assistant-test-api';
import { DevAssistantTestApi, type WaitOptions } from './dev-assistant-test-api';

export interface StartDevAssistantOptions {
  /** Defaults to a free loopback port. */
  port?: number;
  /** `DEV_ASSISTANT_ENABLE_TEST_ENDPOINTS`: on by default here, as the test API needs it. */
  enableTestEndpoints?: boolean;
  /** `DEV_ASSISTANT_API_KEY`: requests must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** `DEV_ASSISTANT_PACE_MS`: mean pause between pieces (server default 30; 0 for speed). */
  paceMs?: number;
  /** `DEV_ASSISTANT_MODEL`: the model id served (default `oracle-ai-dev`). */
  model?: string;
}

export interface RunningDevAssistant {
  port: number;
  /** `http://127.0.0.1:<port>/v1`: an OpenAI client's `baseURL`, the API's `CHAT_MODEL_URL`. */
  baseUrl: string;
  /** Queues a script for the next completion request (see {@link DevAssistantScript}). */
  script(script: DevAssistantScript): Promise<{ id: string }>;
  /** Queues several scripts, in order. */
  scripts(...scripts: DevAssistantScript[]): Promise<{ id: string }[]>;
  /** Every completion request since the last reset, oldest first. */
  requests(): Promise<DevAssistantRequest[]>;
  /** Waits until a logged request satisfies `predicate`, e.g. `(r) => r.clientAborted`. */
  waitForRequest(
    predicate: (request: DevAssistantRequest) => boolean,
    options?: WaitOptions,
  ): Promise<DevAssistantRequest>;
  /** Forgets queued scripts and logged requests. */
  reset(): Promise<void>;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

/** `apps/dev-assistant/src/main.ts` prints it once it listens. */
const READY_LINE = 'dev-assistant: listening on';

/**
 * Runs the built dev model server (`dist/apps/dev-assistant/main.js`, from
 * `npx nx build dev-assistant`) as a child process and resolves once it is listening.
 */
export async function startDevAssistant(
  options: StartDevAssistantOptions = {},
): Promise<RunningDevAssistant> {
  const server = await startBuiltServer({
    app: 'dev-assistant',
    name: 'dev model server',
    port: options.port,
    env: (port) => devAssistantEnv(port, options),
    readyWhen: { outputIncludes: READY_LINE },
  });
  const testApi = new DevAssistantTestApi(`http://127.0.0.1:${server.port}`);
  return {
    port: server.port,
    baseUrl: `http://127.0.0.1:${server.port}/v1`,
    script: (script) => testApi.script(script),
    scripts: (...scripts) => testApi.scripts(...scripts),
    requests: () => testApi.requests(),
    waitForRequest: (predicate, waitOptions) => testApi.waitForRequest(predicate, waitOptions),
    reset: () => testApi.reset(),
    stop: async () => {
      await server.stop();
    },
  };
}

/** Only the options decide: DEV_ASSISTANT_* variables of the calling shell are not passed on. */
function devAssistantEnv(port: number, options: StartDevAssistantOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('DEV_ASSISTANT_')),
  );
  env['PORT'] = String(port);
  env['DEV_ASSISTANT_ENABLE_TEST_ENDPOINTS'] = String(options.enableTestEndpoints ?? true);
  if (options.apiKey !== undefined) env['DEV_ASSISTANT_API_KEY'] = options.apiKey;
  if (options.paceMs !== undefined) env['DEV_ASSISTANT_PACE_MS'] = String(options.paceMs);
  if (options.model !== undefined) env['DEV_ASSISTANT_MODEL'] = options.model;
  return env;
}
