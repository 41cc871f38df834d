import type { ServerResponse } from 'node:http';
import type { DevAssistantRequest } from '@oracle-ai/shared/util-dev-assistant-test-api';
import type { ChatRequest } from './chat-request';
import type { AnswerPlan } from './completion-plan';
import type { CompletionIdentity } from './completion-objects';
import type { ResponseChannel } from './response-channel';

/** Everything the two ways of sending an answer (streamed or whole) work with. */
export interface AnswerExchange {
  res: ServerResponse;
  channel: ResponseChannel;
  plan: AnswerPlan;
  request: ChatRequest;
  record: DevAssistantRequest;
  identity: CompletionIdentity;
}

/** `max_tokens` as characters, by the same four-per-token rule as the usage counts. */
export function maxCharsOf(request: ChatRequest): number {
  return request.maxTokens === undefined ? Infinity : request.maxTokens * 4;
}
