import type { CompletionChunk } from '@oracle-ai/api/data-access-model-server';
import type { ChatStreamError } from '@oracle-ai/shared/util-api-contract';

/** One chunk as the `data:` event the client gets: the API's model name, never the server's. */
export function chunkEvent(chunk: CompletionChunk, model: string, fallbackId: string): string {
  const event = {
    id: chunk.id === '' ? fallbackId : chunk.id,
    object: 'chat.completion.chunk',
    created: chunk.created,
    model,
    choices: chunk.choices,
    ...(chunk.usage !== undefined && { usage: chunk.usage }),
  };
  return `data: ${JSON.stringify(event)}\n\n`;
}

export const DONE_EVENT = 'data: [DONE]\n\n';

/** The last event of a stream that failed after it began; no `[DONE]` follows it. */
export function errorEvent(error: ChatStreamError['error']): string {
  return `data: ${JSON.stringify({ error } satisfies ChatStreamError)}\n\n`;
}
