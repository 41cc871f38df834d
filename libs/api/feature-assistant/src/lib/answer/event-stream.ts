import { Readable } from 'node:stream';
import type { CompletionChunk, CompletionStream } from '@oracle-ai/api/data-access-model-server';
import type { Answer } from './answer';
import { chunkEvent, DONE_EVENT, errorEvent } from './completion-events';
import { failureOutcome, streamFailure } from './failures';

/**
 * The answer as the `text/event-stream` body: each batch of the model server (one read) becomes
 * one write of its chunks' events, then `data: [DONE]`; a failure after the start becomes one
 * error event and the end, without `[DONE]`. It is pulled by the response as its socket drains:
 * while the client does not read, the model server's stream is paused (bounded memory per
 * stream). Destroyed early (the client went away), it cancels the model server's request.
 */
export class EventStream extends Readable {
  constructor(
    private readonly source: CompletionStream,
    private readonly answer: Answer,
    private readonly model: string,
    private readonly fallbackId: string,
  ) {
    super();
    source.on('data', (batch: CompletionChunk[]) => this.relay(batch));
    source.once('end', () => {
      answer.end('completed');
      this.push(DONE_EVENT);
      this.push(null);
    });
    source.once('error', (error) => {
      const outcome = failureOutcome(error, true);
      answer.end(outcome);
      if (outcome !== 'client_closed') this.push(errorEvent(streamFailure(error)));
      this.push(null);
    });
  }

  override _read(): void {
    this.source.resume();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.source.destroy();
    this.answer.end('client_closed');
    callback(error);
  }

  private relay(batch: CompletionChunk[]): void {
    let text = '';
    for (const chunk of batch) {
      text += chunkEvent(chunk, this.model, this.fallbackId);
      this.answer.delivered(chunk);
    }
    if (text !== '' && !this.push(text)) this.source.pause();
  }
}
