import type { ClientRequest, IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser';
import { parseCompletionChunk, type CompletionChunk } from './completion-chunk';
import { EventWatchdog } from './event-watchdog';
import { ModelServerError, unreachable } from './model-server-error';
import { retryAfterSeconds } from './retry-after';

export interface CompletionStreamOptions {
  /** The first event must arrive within this (response headers do not count). */
  firstEventWithinMs: number;
  /** Each next event must arrive within this of the last one. */
  idleMs: number;
  maxEventBytes: number;
  /** Aborting it fails the stream (`aborted`) and closes the request. */
  signal: AbortSignal;
}

/**
 * The model server's answer as it streams: a Node `Readable` in object mode whose items are
 * batches of chunks — the chunks one read of the response body completed. It holds at most one
 * batch: while its consumer does not read, it pauses the response, which stops reading the socket
 * and, through TCP, holds the model server back. It ends after `[DONE]`; it is destroyed with a
 * {@link ModelServerError} otherwise (`cut` when the body ends without `[DONE]`, `timeout`,
 * `protocol`, `unreachable`, `status`, `aborted`). Destroying it closes the request.
 */
export class CompletionStream extends Readable {
  private response: IncomingMessage | undefined;
  private readonly decoder = new StringDecoder('utf8');
  private readonly parser: EventSourceParser;
  private readonly watchdog: EventWatchdog;
  private batch: CompletionChunk[] = [];
  private failure: ModelServerError | undefined;
  /** A failure that waits for the consumer to take the batches that came before it. */
  private pendingFailure: ModelServerError | undefined;
  private delivered = false;
  private doneSeen = false;
  private readonly opening: Promise<void>;
  private markOpened: () => void = () => undefined;

  constructor(
    private readonly call: ClientRequest,
    private readonly options: CompletionStreamOptions,
  ) {
    super({ objectMode: true, highWaterMark: 1 });
    this.watchdog = new EventWatchdog(
      (error) => this.destroy(error),
      options.firstEventWithinMs,
      options.idleMs,
    );
    this.parser = createParser({
      // Bounds what a server that never ends a line or an event can make the API hold.
      maxBufferSize: options.maxEventBytes,
      onEvent: (event) => this.onEvent(event),
      onError: (error) => {
        if (error.type === 'max-buffer-size-exceeded') {
          this.failure ??= new ModelServerError(
            'protocol',
            `the model server sent an event over ${options.maxEventBytes} characters`,
          );
        }
      },
    });
    this.opening = new Promise((resolve, reject) => {
      this.markOpened = resolve;
      // Kept for the stream's life: a failure after opening is the consumer's to read, never an
      // unhandled 'error' event.
      this.on('error', reject);
    });
    options.signal.addEventListener('abort', this.onAbort, { once: true });
    call.once('response', (response) => this.onResponse(response));
    call.on('error', (error) => this.destroy(unreachable(error, 'cannot reach the model server')));
  }

  /** Resolves at the first event (a chunk or `[DONE]`); rejects with the failure before it. */
  opened(): Promise<void> {
    return this.opening;
  }

  override _read(): void {
    // The consumer has taken what came before the failure: now it learns of the failure.
    if (this.pendingFailure !== undefined) this.destroy(this.pendingFailure);
    else this.response?.resume();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.watchdog.stop();
    this.options.signal.removeEventListener('abort', this.onAbort);
    // A response that ended whole leaves its connection to the agent for the next request.
    if (this.response === undefined || !this.response.complete) this.call.destroy();
    callback(error);
  }

  private readonly onAbort = (): void => {
    this.destroy(
      new ModelServerError('aborted', 'the request was cancelled', {
        cause: this.options.signal.reason,
      }),
    );
  };

  private onResponse(response: IncomingMessage): void {
    this.response = response;
    const refused = refusal(response);
    if (refused !== undefined) {
      this.destroy(refused);
      return;
    }
    response.on('data', (bytes: Buffer) => this.onData(bytes));
    response.once('end', () => this.onEnd());
    // The connection broke mid-body (Node: 'aborted' then an ECONNRESET error).
    response.on('error', (error) =>
      this.destroy(unreachable(error, "the model server's stream broke")),
    );
  }

  private onData(bytes: Buffer): void {
    if (this.destroyed || this.doneSeen || this.failure !== undefined) return;
    this.parser.feed(this.decoder.write(bytes));
    this.flush();
  }

  private onEnd(): void {
    if (this.destroyed || this.doneSeen || this.failure !== undefined) return;
    this.parser.feed(this.decoder.end());
    this.parser.reset({ consume: true });
    if (!this.doneSeen) {
      this.failure ??= new ModelServerError(
        'cut',
        'the model server ended its stream without [DONE]',
      );
    }
    this.flush();
  }

  /** Hands out what this read completed, then the end or the failure. */
  private flush(): void {
    if (this.batch.length > 0) {
      const batch = this.batch;
      this.batch = [];
      this.delivered = true;
      // Full: the consumer has not taken the last batch. Stop reading until it does.
      if (!this.push(batch)) this.response?.pause();
    }
    if (this.failure !== undefined) {
      this.response?.pause();
      if (this.readableLength === 0) this.destroy(this.failure);
      else this.pendingFailure = this.failure;
    } else if (this.doneSeen) {
      this.watchdog.stop();
      this.push(null);
    }
    // Opened by a first chunk or [DONE]; a failure before any chunk rejects instead.
    if (this.delivered || this.doneSeen) this.markOpened();
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
}

/** Why a response is not an event stream to read, if it is not. */
function refusal(response: IncomingMessage): ModelServerError | undefined {
  const status = response.statusCode ?? 0;
  if (status < 200 || status > 299) {
    const retryAfter = response.headers['retry-after'];
    return new ModelServerError('status', `the model server answered ${status}`, {
      status,
      retryAfterS: retryAfterSeconds(typeof retryAfter === 'string' ? retryAfter : null),
    });
  }
  const type = response.headers['content-type'] ?? '';
  if (!/^text\/event-stream\b/i.test(type)) {
    return new ModelServerError(
      'protocol',
      `the model server answered ${JSON.stringify(type.slice(0, 100))}, not text/event-stream`,
    );
  }
  const encoding = response.headers['content-encoding'];
  if (encoding !== undefined && encoding !== 'identity') {
    return new ModelServerError(
      'protocol',
      `the model server compressed its stream (${JSON.stringify(encoding.slice(0, 100))})`,
    );
  }
  return undefined;
}
