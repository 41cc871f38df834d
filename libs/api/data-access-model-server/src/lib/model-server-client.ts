import { setTimeout as sleep } from 'node:timers/promises';
import { CompletionStream } from './completion-stream';
import { EventWatchdog } from './event-watchdog';
import { ModelServerError, unreachable } from './model-server-error';
import { retryAfterSeconds } from './retry-after';

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
 * always streamed): plain `fetch` and `eventsource-parser`.
 *
 * `open()` resolves once the first event has arrived, so a caller can still answer with an error
 * status while nothing has been sent; it rejects with a {@link ModelServerError}. One retry is
 * made for a failure before any response (refused, reset) or a busy gateway (502/503/504 without
 * a longer `Retry-After`), within the same deadline. Redirects are not followed (the key would go
 * with them). The request carries only the conversation, the model name, the key and a request
 * id: no header of the API's own caller.
 */
export class ModelServerClient {
  private readonly url: string;
  private readonly headers: Record<string, string>;
  private readonly maxEventBytes: number;

  constructor(private readonly options: ModelServerClientOptions) {
    if (!Number.isInteger(options.timeoutMs) || options.timeoutMs <= 0) {
      throw new Error('ModelServerClient: timeoutMs must be a positive whole number');
    }
    this.url = `${options.baseUrl}/chat/completions`;
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
        throw aborted(request.signal);
      }
    }
  }

  private async attempt(
    body: string,
    request: CompletionRequest,
    deadline: number,
  ): Promise<CompletionStream> {
    const { signal } = request;
    if (signal.aborted) throw aborted(signal);
    const controller = new AbortController();
    const onAbort = () => controller.abort(aborted(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    const watchdog = new EventWatchdog(controller, deadline - Date.now(), this.options.timeoutMs);
    const release = () => {
      watchdog.stop();
      signal.removeEventListener('abort', onAbort);
    };

    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers:
          request.requestId === undefined
            ? this.headers
            : { ...this.headers, 'x-request-id': request.requestId },
        body,
        signal: controller.signal,
        redirect: 'manual',
      });
    } catch (error) {
      release();
      throw abortReason(controller.signal) ?? unreachable(error, 'cannot reach the model server');
    }

    const failure = refusal(response);
    if (failure !== undefined || response.body === null) {
      release();
      void response.body?.cancel().catch(() => undefined);
      throw failure ?? new ModelServerError('protocol', 'the model server answered without a body');
    }
    const stream = new CompletionStream(
      response.body,
      controller,
      watchdog,
      this.maxEventBytes,
      release,
    );
    await stream.opened();
    return stream;
  }
}

/** Why a response is not an event stream to read, if it is not. */
function refusal(response: Response): ModelServerError | undefined {
  if (!response.ok) {
    return new ModelServerError('status', `the model server answered ${response.status}`, {
      status: response.status,
      retryAfterS: retryAfterSeconds(response.headers.get('retry-after')),
    });
  }
  const type = response.headers.get('content-type') ?? '';
  if (!/^text\/event-stream\b/i.test(type)) {
    return new ModelServerError(
      'protocol',
      `the model server answered ${JSON.stringify(type.slice(0, 100))}, not text/event-stream`,
    );
  }
  return undefined;
}

function aborted(signal: AbortSignal): ModelServerError {
  return new ModelServerError('aborted', 'the request was cancelled', { cause: signal.reason });
}

function abortReason(signal: AbortSignal): ModelServerError | undefined {
  return signal.aborted && signal.reason instanceof ModelServerError ? signal.reason : undefined;
}
