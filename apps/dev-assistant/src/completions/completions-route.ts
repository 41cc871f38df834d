import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DevAssistantConfig } from '../config';
import { requireApiKey } from '../http/api-key';
import { OpenAiError, sendOpenAiError } from '../http/openai-error';
import { readJsonBody } from '../http/read-json-body';
import type { NoteAnswerer } from '../notes/note-answerer';
import { newRequestRecord, type RequestLog } from '../test-api/request-log';
import type { ScriptQueue } from '../test-api/script-queue';
import { parseChatRequest, type ChatMessage } from './chat-request';
import { newIdentity } from './completion-objects';
import { planCompletion } from './completion-plan';
import { jsonAnswer } from './json-answer';
import { ResponseChannel } from './response-channel';
import { streamAnswer } from './stream-answer';

/** Above a real conversation with the API's own limits (256 KiB) and its instructions. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface CompletionsContext {
  config: DevAssistantConfig;
  answerer: NoteAnswerer;
  /** With the test endpoints on: scripted answers, and the log of requests. */
  scripts?: ScriptQueue;
  log?: RequestLog;
}

/**
 * `POST /v1/chat/completions`: the key, then the body, then the answer (a scripted one first,
 * when one waits). A request that is refused does not take a script.
 */
export async function handleCompletions(
  req: IncomingMessage,
  res: ServerResponse,
  context: CompletionsContext,
): Promise<void> {
  const record = newRequestRecord(req);
  context.log?.add(record);
  const channel = new ResponseChannel(res);
  res.setHeader('x-request-id', record.id);
  res.once('finish', () => {
    record.finished = true;
  });
  res.once('close', () => {
    record.clientAborted = channel.abortedByClient;
  });

  try {
    requireApiKey(req, context.config.apiKey);
    record.body = await readJsonBody(req, BODY_LIMIT_BYTES);
    const request = parseChatRequest(record.body, context.config.model);
    const script = context.scripts?.take();
    record.scriptId = script?.id ?? null;
    const plan = planCompletion(
      script,
      () => context.answerer.answer(userQuestions(request.messages)),
      context.config.paceMs,
    );
    if (plan.kind === 'error') {
      if (await channel.pause(plan.headersDelayMs)) throw plan.error;
      return;
    }
    const exchange = { res, channel, plan, request, record, identity: newIdentity(request.model) };
    await (request.stream ? streamAnswer(exchange) : jsonAnswer(exchange));
  } catch (error) {
    if (error instanceof OpenAiError && !channel.gone) {
      record.status = error.status;
      sendOpenAiError(res, error);
    } else if (!channel.gone) {
      throw error;
    }
  }
}

/** Retrieval reads the user's own words only: system instructions are not a question. */
function userQuestions(messages: readonly ChatMessage[]): string[] {
  return messages.filter((message) => message.role === 'user').map((message) => message.content);
}
