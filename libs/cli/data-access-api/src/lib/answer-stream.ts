import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { printable } from '@oracle-ai/cli/util-messages';
import { ApiError } from './api-error';

/**
 * Reads an OpenAI-compatible `chat.completion.chunk` stream (SSE) and passes each piece of
 * answer text to `onText` as it arrives. Resolves at `data: [DONE]`; an `{"error": …}` event
 * (the API reporting a failure after the answer began) or an end without `[DONE]` is an error,
 * as the answer is then incomplete.
 */
export async function readAnswerStream(
  body: ReadableStream<Uint8Array>,
  onText: (text: string) => void,
): Promise<void> {
  let done = false;
  let failure: ApiError | undefined;
  const parser = createParser({
    onEvent: (event: EventSourceMessage) => {
      if (done || failure) return;
      if (event.data === '[DONE]') {
        done = true;
        return;
      }
      const chunk = parseChunk(event.data);
      if (chunk === undefined) {
        failure = new ApiError(
          'ERR_API_INVALID_RESPONSE',
          'the API sent an event that is not a chat.completion.chunk',
        );
      } else if (chunk.error !== undefined) {
        failure = streamError(chunk.error);
      } else {
        const text = chunk.choices?.[0]?.delta?.content;
        if (typeof text === 'string' && text !== '') onText(text);
      }
    },
  });

  const reader = body.getReader();
  const decoder = new TextDecoder();
  try {
    while (!done && !failure) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      parser.feed(decoder.decode(value, { stream: true }));
    }
  } finally {
    // After [DONE] or a failure nothing more is wanted: let the connection go.
    reader.cancel().catch(() => undefined);
  }
  if (failure) throw failure;
  if (!done) {
    throw new ApiError('ERR_ANSWER_CUT', 'the answer ended before it was complete (no [DONE])');
  }
}

interface Chunk {
  choices?: { delta?: { content?: unknown } }[];
  error?: unknown;
}

function parseChunk(data: string): Chunk | undefined {
  try {
    const value: unknown = JSON.parse(data);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Chunk)
      : undefined;
  } catch {
    return undefined;
  }
}

function streamError(error: unknown): ApiError {
  const { code, message } = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    message?: unknown;
  };
  const what = typeof code === 'string' ? ` (${printable(code, 60)})` : '';
  const why = typeof message === 'string' ? `: ${printable(message)}` : '';
  return new ApiError(
    'ERR_ANSWER_FAILED',
    `the answer stopped midway${what}${why}`,
    undefined,
    typeof code === 'string' ? code : undefined,
  );
}
