import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEV_ASSISTANT_TEST_ROUTES } from '@oracle-ai/shared/util-dev-assistant-test-api';
import { quoted } from '@oracle-ai/shared/util-env';
import { handleCompletions, type CompletionsContext } from './completions/completions-route';
import { OpenAiError } from './http/openai-error';
import { handleModels, MODELS_PATH } from './models-route';
import {
  handleAddScript,
  handleListRequests,
  handleReset,
  type TestState,
} from './test-api/test-routes';

type Handler = (req: IncomingMessage, res: ServerResponse, path: string) => void | Promise<void>;

interface Route {
  matches: (path: string) => boolean;
  method: 'GET' | 'POST';
  handle: Handler;
}

export const COMPLETIONS_PATH = '/v1/chat/completions';

/**
 * The server's routes: the OpenAI-compatible API, plus the test endpoints when `test` is given
 * (without it they do not exist: 404 like any unknown URL). Returns the dispatcher, which
 * throws an {@link OpenAiError} for an unknown URL (404) or method (405).
 */
export function createRouter(
  context: CompletionsContext,
  test: TestState | undefined,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const exactly = (expected: string) => (path: string) => path === expected;
  const routes: Route[] = [
    {
      matches: exactly(COMPLETIONS_PATH),
      method: 'POST',
      handle: (req, res) => handleCompletions(req, res, context),
    },
    {
      matches: (path) => path === MODELS_PATH || path.startsWith(`${MODELS_PATH}/`),
      method: 'GET',
      handle: (req, res, path) => handleModels(req, res, path, context.config),
    },
  ];
  if (test) {
    routes.push(
      {
        matches: exactly(DEV_ASSISTANT_TEST_ROUTES.scripts),
        method: 'POST',
        handle: (req, res) => handleAddScript(req, res, test),
      },
      {
        matches: exactly(DEV_ASSISTANT_TEST_ROUTES.requests),
        method: 'GET',
        handle: (_req, res) => handleListRequests(res, test),
      },
      {
        matches: exactly(DEV_ASSISTANT_TEST_ROUTES.reset),
        method: 'POST',
        handle: (_req, res) => handleReset(res, test),
      },
    );
  }

  return async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const route = routes.find((candidate) => candidate.matches(path));
    if (route === undefined) {
      throw new OpenAiError(404, `Unknown request URL: ${quoted(`${req.method} ${path}`)}.`, {
        code: 'unknown_url',
      });
    }
    if (req.method !== route.method) {
      throw new OpenAiError(405, `${quoted(path)} takes ${route.method} only.`, {
        code: 'method_not_allowed',
        headers: { allow: route.method },
      });
    }
    await route.handle(req, res, path);
  };
}
