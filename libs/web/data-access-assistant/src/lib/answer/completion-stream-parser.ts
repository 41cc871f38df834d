import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser';
import type { AssistantFailure } from './assistant-failure';

/** What a piece of the stream completed, in order. */
export type StreamStep =
  | { kind: 'text'; text: string }
  /** `data: [DONE]`: the answer is complete. */
  | { kind: 'done' }
  /** An error event, or a stream this parser cannot read: the answer ends here. */
  | { kind: 'failed'; failure: AssistantFailure };

/** One event's data is a chunk of a few words; far more means the stream is not an answer. */
const MAX_EVENT_CHARACTERS = 1024 * 1024;

/**
 * Reads the API's streamed answer — server-sent events of OpenAI `chat.completion.chunk`s, then
 * `data: [DONE]`; a failure after the start is one `data: {"error":{code,message}}` event — from
 * pieces cut anywhere (inside a line, an event, a UTF-16 pair is the decoder's business). The data
 * is untrusted: anything but a string `choices[0].delta.content` is ignored, and what cannot be
 * parsed ends the answer as unreadable. Nothing is read after `[DONE]` or a failure.
 */
export class CompletionStreamParser {
  private readonly parser: EventSourceParser;
  private steps: StreamStep[] = [];
  private ended = false;

  constructor() {
    this.parser = createParser({
      onEvent: (event) => this.read(event),
      onError: (error) => {
        // Unknown fields and bad `retry` values are skipped, as EventSource does; an event
        // larger than any chunk ends the answer.
        if (error.type === 'max-buffer-size-exceeded') this.end({ kind: 'unreadable' });
      },
      maxBufferSize: MAX_EVENT_CHARACTERS,
    });
  }

  /** Parses the next piece; returns the steps it completed. */
  push(piece: string): StreamStep[] {
    if (!this.ended && piece !== '') this.parser.feed(piece);
    const steps = this.steps;
    this.steps = [];
    return steps;
  }

  private read({ data }: EventSourceMessage): void {
    if (this.ended) return;
    if (data === '[DONE]') {
      this.ended = true;
      this.steps.push({ kind: 'done' });
      return;
    }
    let chunk: unknown;
    try {
      chunk = JSON.parse(data);
    } catch {
      this.end({ kind: 'unreadable' });
      return;
    }
    if (!isObject(chunk)) return this.end({ kind: 'unreadable' });
    if ('error' in chunk) return this.end(streamFailure(chunk['error']));
    const text = contentOf(chunk);
    if (text !== '') this.steps.push({ kind: 'text', text });
  }

  private end(failure: AssistantFailure): void {
    this.ended = true;
    this.steps.push({ kind: 'failed', failure });
  }
}

function streamFailure(error: unknown): AssistantFailure {
  const code = isObject(error) ? error['code'] : undefined;
  return code === 'assistant_timeout' ? { kind: 'timeout' } : { kind: 'unavailable' };
}

/** `choices[0].delta.content` when it is a string, else nothing. */
function contentOf(chunk: Record<string, unknown>): string {
  const choices = chunk['choices'];
  const first: unknown = Array.isArray(choices) ? choices[0] : undefined;
  const delta = isObject(first) ? first['delta'] : undefined;
  const content = isObject(delta) ? delta['content'] : undefined;
  return typeof content === 'string' ? content : '';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
