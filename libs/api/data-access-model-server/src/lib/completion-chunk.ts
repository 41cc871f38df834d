import { ModelServerError } from './model-server-error';

/** One choice's increment, reduced to what the API passes on. */
export interface ChunkChoice {
  index: number;
  delta: { role?: 'assistant'; content?: string };
  finish_reason: string | null;
}

/**
 * A `chat.completion.chunk` event of the model server, reduced to the fields the API passes on
 * (an allowlist: nothing else the server adds — its model name, fingerprints, vendor fields —
 * goes further).
 */
export interface CompletionChunk {
  id: string;
  created: number;
  choices: ChunkChoice[];
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

/**
 * Reads one event's `data` as a chunk. An error event (`{"error": …}`, as vLLM and LiteLLM send
 * when generation fails mid-stream) or anything that is not a chunk is a `protocol` failure; the
 * server's text is not kept.
 */
export function parseCompletionChunk(data: string): CompletionChunk {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    throw new ModelServerError('protocol', 'the model server sent an event that is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ModelServerError('protocol', 'the model server sent an event that is not an object');
  }
  const event = value as Record<string, unknown>;
  if (event['error'] !== undefined) {
    throw new ModelServerError('protocol', 'the model server sent an error event');
  }
  if (!Array.isArray(event['choices'])) {
    throw new ModelServerError('protocol', 'the model server sent an event without choices');
  }
  const chunk: CompletionChunk = {
    id: typeof event['id'] === 'string' ? event['id'] : '',
    created:
      typeof event['created'] === 'number' ? event['created'] : Math.floor(Date.now() / 1000),
    choices: event['choices'].map(choiceOf),
  };
  const usage = usageOf(event['usage']);
  if (usage !== undefined) chunk.usage = usage;
  return chunk;
}

function choiceOf(value: unknown, position: number): ChunkChoice {
  const choice = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  const delta = (
    typeof choice['delta'] === 'object' && choice['delta'] !== null ? choice['delta'] : {}
  ) as Record<string, unknown>;
  const reduced: ChunkChoice['delta'] = {};
  if (delta['role'] === 'assistant') reduced.role = 'assistant';
  if (typeof delta['content'] === 'string') reduced.content = delta['content'];
  return {
    index: typeof choice['index'] === 'number' ? choice['index'] : position,
    delta: reduced,
    finish_reason: typeof choice['finish_reason'] === 'string' ? choice['finish_reason'] : null,
  };
}

function usageOf(value: unknown): CompletionChunk['usage'] {
  if (typeof value !== 'object' || value === null) return undefined;
  const usage = value as Record<string, unknown>;
  const { prompt_tokens, completion_tokens, total_tokens } = usage;
  if (
    typeof prompt_tokens !== 'number' ||
    typeof completion_tokens !== 'number' ||
    typeof total_tokens !== 'number'
  )
    return undefined;
  return { prompt_tokens, completion_tokens, total_tokens };
}
