import { randomBytes } from 'node:crypto';
import type { Usage } from './usage';

/** What every chunk of one answer repeats: OpenAI's `id`, `created` and `model`. */
export interface CompletionIdentity {
  id: string;
  created: number;
  model: string;
}

export type FinishReason = 'stop' | 'length';

export function newIdentity(model: string): CompletionIdentity {
  return {
    id: `chatcmpl-${randomBytes(12).toString('hex')}`,
    created: Math.floor(Date.now() / 1000),
    model,
  };
}

/**
 * A `chat.completion.chunk`. With `include_usage` every chunk carries `usage: null` and a last
 * one, with no choices, the counts, as OpenAI's API sends them.
 */
export function chunk(
  identity: CompletionIdentity,
  delta: { role?: 'assistant'; content?: string },
  finishReason: FinishReason | null,
  includeUsage: boolean,
): object {
  return {
    ...head(identity, 'chat.completion.chunk'),
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...(includeUsage ? { usage: null } : {}),
  };
}

export function usageChunk(identity: CompletionIdentity, usage: Usage): object {
  return { ...head(identity, 'chat.completion.chunk'), choices: [], usage };
}

/** The whole answer at once (`stream` off). */
export function completion(
  identity: CompletionIdentity,
  content: string,
  finishReason: FinishReason,
  usage: Usage,
): object {
  return {
    ...head(identity, 'chat.completion'),
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: null },
        logprobs: null,
        finish_reason: finishReason,
      },
    ],
    usage,
  };
}

/** The members every object starts with, in the order OpenAI's API writes them. */
function head({ id, created, model }: CompletionIdentity, object: string): object {
  return { id, object, created, model };
}

/** One server-sent event: `data: <json>` (or `[DONE]`) and the blank line that ends it. */
export function sseEvent(data: object | '[DONE]'): string {
  return `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}
