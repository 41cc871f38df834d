import type { IncomingMessage, ServerResponse } from 'node:http';
import { quoted } from '@oracle-ai/shared/util-env';
import type { DevAssistantConfig } from './config';
import { requireApiKey } from './http/api-key';
import { OpenAiError } from './http/openai-error';
import { sendJson } from './http/send-json';

export const MODELS_PATH = '/v1/models';

/** When the server's model "was created": a fixed date, so answers do not change between runs. */
const CREATED = Date.UTC(2026, 0, 1) / 1000;

/** `GET /v1/models` (the list) and `GET /v1/models/<id>` (one model, or 404 `model_not_found`). */
export function handleModels(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  config: DevAssistantConfig,
): void {
  requireApiKey(req, config.apiKey);
  const model = { id: config.model, object: 'model', created: CREATED, owned_by: 'oracle-ai' };
  if (path === MODELS_PATH) {
    sendJson(res, 200, { object: 'list', data: [model] });
    return;
  }
  const id = decoded(path.slice(MODELS_PATH.length + 1));
  if (id !== config.model) {
    throw new OpenAiError(404, `The model ${quoted(id)} does not exist.`, {
      param: 'model',
      code: 'model_not_found',
    });
  }
  sendJson(res, 200, model);
}

/** A path segment decoded (`meta-llama%2FLlama-3.1-8B`), or as is when it is not valid. */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
