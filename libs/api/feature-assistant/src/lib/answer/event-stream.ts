import { Readable } from 'node:stream';
import type { CompletionStream } from '@oracle-ai/api/data-access-model-server';
import type { Answer } from './answer';
import { chunkEvent, DONE_EVENT, errorEvent } from './completion-events';
import { failureOutcome, streamFailure } from './failures';

/**
 * The answer as the `text/event-stream` body: each read of the model server becomes one write of
 * its chunks' events, then `data: [DONE]`; a failure after the start becomes one error event and
 * the end, without `[DONE]`. The body is pulled by the response as its socket drains: while the
 * client does not read, nothing more is read from the model server (bounded memory per stream).
 */
export function eventStream(
  stream: CompletionStream,
  answer: Answer,
  model: string,
  fallbackId: string,
): Readable {
  async function* events(): AsyncGenerator<string, void, undefined> {
    try {
      for await (const batch of stream) {
        let text = '';
        for (const chunk of batch) {
          text += chunkEvent(chunk, model, fallbackId);
          answer.delivered(chunk);
        }
        if (text !== '') yield text;
      }
      answer.end('completed');
      yield DONE_EVENT;
    } catch (error) {
      const outcome = failureOutcome(error, true);
      answer.end(outcome);
      if (outcome !== 'client_closed') yield errorEvent(streamFailure(error));
    } finally {
      // Left early: the response was destroyed (the client went away) while waiting to write.
      answer.end('client_closed');
    }
  }
  return Readable.from(events(), { objectMode: false });
}
