import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser';
import { parseCompletionChunk, type CompletionChunk } from './completion-chunk';
import type { EventWatchdog } from './event-watchdog';
import { ModelServerError, unreachable } from './model-server-error';

/**
 * The model server's answer as it streams: an async iterable of chunk batches, each batch the
 * chunks one read of the response body completed. It pulls from the body only when the consumer
 * asks for the next batch, so a consumer that waits (a client that does not read) stops the
 * reading and, through TCP, the model server; what is held meanwhile is one read and the socket
 * buffers. Iteration ends after `[DONE]`; a body that ends without it throws `cut`. Breaking out
 * of the iteration, or any failure, cancels the response body.
 */
export class CompletionStream implements AsyncIterable<CompletionChunk[]> {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  private readonly parser: EventSourceParser;
  private batch: CompletionChunk[] = [];
  /** Chunks read while waiting for the first event, handed out first. */
  private opening: CompletionChunk[] = [];
  private failure: ModelServerError | undefined;
  private doneSeen = false;
  private bodyEnded = false;
  private closed = false;

  constructor(
    body: ReadableStream<Uint8Array>,
    private readonly controller: AbortController,
    private readonly watchdog: EventWatchdog,
    maxEventBytes: number,
    private readonly onClose: () => void,
  ) {
    this.reader = body.getReader();
    this.parser = createParser({
      // Bounds what a server that never ends a line or an event can make the API hold.
      maxBufferSize: maxEventBytes,
      onEvent: (event) => this.onEvent(event),
      onError: (error) => {
        if (error.type === 'max-buffer-size-exceeded') {
          this.failure ??= new ModelServerError(
            'protocol',
            `the model server sent an event over ${maxEventBytes} characters`,
          );
        }
      },
    });
  }

  /** Waits for the first event (a chunk or `[DONE]`); the caller's deadline is the watchdog's. */
  async opened(): Promise<void> {
    try {
      this.opening = (await this.nextBatch()) ?? [];
    } catch (error) {
      this.close();
      throw error;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<CompletionChunk[], void, undefined> {
    try {
      if (this.opening.length > 0) {
        const first = this.opening;
        this.opening = [];
        yield first;
      }
      for (;;) {
        const batch = await this.nextBatch();
        if (batch === undefined) return;
        yield batch;
      }
    } finally {
      this.close();
    }
  }

  /** The chunks of the next read that completed any, or undefined after `[DONE]`. */
  private async nextBatch(): Promise<CompletionChunk[] | undefined> {
    while (this.batch.length === 0 && !this.doneSeen && this.failure === undefined) {
      let read: ReadableStreamReadResult<Uint8Array>;
      try {
        read = await this.reader.read();
      } catch (error) {
        throw this.abortReason() ?? unreachable(error, "the model server's stream broke");
      }
      if (read.done) {
        this.bodyEnded = true;
        this.parser.feed(this.decoder.decode());
        this.parser.reset({ consume: true });
        if (!this.doneSeen) {
          this.failure ??= new ModelServerError(
            'cut',
            'the model server ended its stream without [DONE]',
          );
        }
        break;
      }
      this.parser.feed(this.decoder.decode(read.value, { stream: true }));
    }
    // What arrived before a failure still goes out first.
    if (this.batch.length > 0) {
      const batch = this.batch;
      this.batch = [];
      return batch;
    }
    if (this.failure !== undefined) throw this.failure;
    return undefined;
  }

  private onEvent(event: EventSourceMessage): void {
    if (this.doneSeen || this.failure !== undefined) return;
    this.watchdog.eventArrived();
    if (event.data === '[DONE]') {
      this.doneSeen = true;
      return;
    }
    try {
      this.batch.push(parseCompletionChunk(event.data));
    } catch (error) {
      this.failure = error as ModelServerError;
    }
  }

  private abortReason(): ModelServerError | undefined {
    const signal = this.controller.signal;
    return signal.aborted && signal.reason instanceof ModelServerError ? signal.reason : undefined;
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.watchdog.stop();
    this.onClose();
    if (!this.bodyEnded) this.reader.cancel().catch(() => undefined);
  }
}
