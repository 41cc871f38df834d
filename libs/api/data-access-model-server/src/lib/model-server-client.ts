import { Agent as HttpAgent, request as httpRequest, type ClientRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { CompletionStream } from './completion-stream';
import { ModelServerError } from './model-server-error';

export interface ModelServerClientOptions {
  /** Base URL of the OpenAI-compatible API, e.g. `https://gateway.example.com/v1` (no trailing slash). */
  baseUrl: string;
  /** The model asked for. */
  model: string;
  /** Sent as `Authorization: Bearer`; nothing else from the API's callers is ever sent. */
  apiKey?: string;
  /** Longest wait for the first event (retry included), and between two events. */
  timeoutMs: number;
  /** Longest event (or unterminated line) accepted; default 1 MiB of characters. */
  maxEventBytes?: number;
}

export interface ModelServerMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface CompletionRequest {
  messages: readonly ModelServerMessage[];
  /** Aborting it cancels the request at once, whatever stage it is in. */
  signal: AbortSignal;
  /** Sent as `X-Request-Id`, so the model server's logs can be tied to the API's. */
  requestId?: string;
}

/** Pause before the one retry, and the time that must be left before the deadline to make it. */
const RETRY_DELAY_MS = 250;
const RETRY_MIN_TIME_LEFT_MS = 1_000;
const DEFAULT_MAX_EVENT_BYTES = 1024 * 1024;

/**
 * The client of an OpenAI-compatible chat-completions server (`POST <baseUrl>/chat/completions`,
 * always streamed): `node:http(s)` with a keep-alive agent, and `eventsource-parser`.
 *
 * `open()` resolves once the first event has arrived, so a caller can still answer with an error
 * status while nothing has been sent; it rejects with a {@link ModelServerError}. One retry is
 * made for a failure before any response (refused, reset) or a busy gateway (502/503/504 without
 * a longer `Retry-After`), within the same deadline. Redirects are not followed (the key would go
 * with them). The request carries only the conversation, the model name, the key and a request
 * id: no header of the API's own caller.
 */
export class ModelServerClient {
  private readonly url: URL;
  private readonly headers: Record<string, string>;
  private readonly maxEventBytes: number;
  private readonly agent: HttpAgent;
  private readonly send: typeof httpRequest;

  constructor(private readonly options: ModelServerClientOptions) {
    if (!Number.isInteger(options.timeoutMs) || options.timeoutMs <= 0) {
      throw new Error('ModelServerClient: timeoutMs must be a positive whole number');
    }
    this.url = new URL(`${options.baseUrl}/chat/completions`);
    const secure = this.url.protocol === 'https:';
    // Connections are reused across answers (no TCP or TLS handshake before a first token).
    this.agent = secure
      ? new HttpsAgent({ keepAlive: true, scheduling: 'lifo' })
      : new HttpAgent({ keepAlive: true, scheduling: 'lifo' });
    this.send = secure ? httpsRequest : httpRequest;
    this.maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
    this.headers = {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      // A compressing gateway would hold tokens back to fill its blocks.
      'accept-encoding': 'identity',
      ...(options.apiKey !== undefined && { authorization: `Bearer ${options.apiKey}` }),
    };
  }

  async open(request: CompletionRequest): Promise<CompletionStream> {
    const deadline = Date.now() + this.options.timeoutMs;
    const body = JSON.stringify({
      model: this.options.model,
      messages: request.messages,
      stream: true,
    });
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(body, request, deadline);
      } catch (error) {
        const failure = error as ModelServerError;
        const timeLeft = deadline - Date.now();
        if (attempt > 1 || !failure.retryable || timeLeft < RETRY_MIN_TIME_LEFT_MS) throw failure;
      }
      try {
        await sleep(RETRY_DELAY_MS, undefined, { signal: request.signal });
      } catch {
        throw new ModelServerError('aborted', 'the request was cancelled', {
          cause: request.signal.reason,
        });
      }
    }
  }

  /** Closes the connections kept for reuse. */
  close(): void {
    this.agent.destroy();
  }

  private async attempt(
    body: string,
    request: CompletionRequest,
    deadline: number,
  ): Promise<CompletionStream> {
    const call: ClientRequest = this.send(this.url, {
      method: 'POST',
      agent: this.agent,
      headers: {
        ...this.headers,
        'content-length': String(Buffer.byteLength(body)),
        ...(request.requestId !== undefined && { 'x-request-id': request.requestId }),
      },
    });
    // Each piece of the answer goes on as it comes: no Nagle delay on the request either.
    call.setNoDelay(true);
    const stream = new CompletionStream(call, {
      firstEventWithinMs: deadline - Date.now(),
      idleMs: this.options.timeoutMs,
      maxEventBytes: this.maxEventBytes,
      signal: request.signal,
    });
    if (request.signal.aborted) {
      stream.destroy(
        new ModelServerError('aborted', 'the request was cancelled', {
          cause: request.signal.reason,
        }),
      );
    } else call.end(body);
    await stream.opened();
    return stream;
  }
}
