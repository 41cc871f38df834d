import { networkReason } from '@oracle-ai/cli/util-messages';
import type { MeResponse } from '@oracle-ai/shared/util-api-contract';
import { readAnswerStream } from './answer-stream';
import { ApiError } from './api-error';
import type { ApiFetch, ApiRequest } from './api-fetch';
import { IdleTimer } from './idle-timer';
import { refusal } from './refusal';

export interface AskOptions {
  /** Ctrl-C: ends the request, which makes the API cancel the model server's. */
  signal?: AbortSignal;
  /**
   * The longest silence allowed: before the answer starts (the API itself gives up on the model
   * after `CHAT_TIMEOUT_S`, 30 s by default) and between two pieces of it. Default 120 s.
   */
  idleTimeoutMs?: number;
}

const DEFAULT_IDLE_TIMEOUT_MS = 120_000;
/** `GET /api/me` is quick or broken. */
const ME_TIMEOUT_MS = 30_000;

/** The Oracle AI API at `baseUrl` (routes under `/api`), called through `send`. */
export class OracleAiApi {
  constructor(
    readonly baseUrl: string,
    private readonly send: ApiFetch,
  ) {}

  /** `GET /api/me`: who the token belongs to and what they may do. */
  async me(signal?: AbortSignal): Promise<MeResponse> {
    return this.exchange(ME_TIMEOUT_MS, signal, async (watch) => {
      const response = await this.request({
        url: this.url('/api/me'),
        method: 'GET',
        signal: watch,
      });
      return (await this.json(response)) as MeResponse;
    });
  }

  /**
   * Asks the assistant one question and passes the answer's text to `onText` as it arrives
   * (`stream: true`, server-sent `chat.completion.chunk` events).
   */
  async askStreaming(
    question: string,
    onText: (text: string) => void,
    { signal, idleTimeoutMs = DEFAULT_IDLE_TIMEOUT_MS }: AskOptions = {},
  ): Promise<void> {
    await this.exchange(idleTimeoutMs, signal, async (watch, idle) => {
      const response = await this.request(this.completion(question, true, watch));
      if (!response.headers.get('content-type')?.startsWith('text/event-stream')) {
        await response.body?.cancel();
        throw new ApiError('ERR_API_INVALID_RESPONSE', 'the API did not answer with a stream');
      }
      const body = (response.body as ReadableStream<Uint8Array>).pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            idle.reset();
            controller.enqueue(chunk);
          },
        }),
      );
      await readAnswerStream(body, onText);
    });
  }

  /** Asks one question and returns the whole `chat.completion` object (`stream: false`). */
  async ask(
    question: string,
    { signal, idleTimeoutMs = DEFAULT_IDLE_TIMEOUT_MS }: AskOptions = {},
  ): Promise<unknown> {
    return this.exchange(idleTimeoutMs, signal, async (watch) =>
      this.json(await this.request(this.completion(question, false, watch))),
    );
  }

  /**
   * Runs `work` with a signal that ends it on Ctrl-C (`cancel`) or after `limitMs` of silence,
   * and turns either ending into its own error rather than a network failure.
   */
  private async exchange<T>(
    limitMs: number,
    cancel: AbortSignal | undefined,
    work: (signal: AbortSignal, idle: IdleTimer) => Promise<T>,
  ): Promise<T> {
    const idle = new IdleTimer(limitMs);
    const signal = cancel ? AbortSignal.any([idle.signal, cancel]) : idle.signal;
    try {
      return await work(signal, idle);
    } catch (error) {
      if (cancel?.aborted) throw new ApiError('ERR_CANCELLED', 'cancelled');
      if (idle.signal.aborted) {
        throw new ApiError(
          'ERR_ANSWER_STALLED',
          `the API at ${this.baseUrl} sent nothing for ${Math.round(limitMs / 1000)} s`,
        );
      }
      throw error;
    } finally {
      idle.stop();
    }
  }

  private completion(question: string, stream: boolean, signal: AbortSignal): ApiRequest {
    return {
      url: this.url('/api/chat/completions'),
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: stream ? 'text/event-stream' : 'application/json',
      },
      body: JSON.stringify({ messages: [{ role: 'user', content: question }], stream }),
      signal,
    };
  }

  /** Sends `request`; a non-2xx answer becomes the API's refusal. */
  private async request(request: ApiRequest): Promise<Response> {
    let response: Response;
    try {
      response = await this.send(request);
    } catch (error) {
      throw new ApiError(
        'ERR_API_UNAVAILABLE',
        `cannot reach the API at ${this.baseUrl} (${networkReason(error)})`,
      );
    }
    if (!response.ok) throw await refusal(response);
    return response;
  }

  private async json(response: Response): Promise<unknown> {
    try {
      return await response.json();
    } catch {
      throw new ApiError('ERR_API_INVALID_RESPONSE', `the API at ${this.baseUrl} sent no JSON`);
    }
  }

  private url(path: string): URL {
    return new URL(`${this.baseUrl}${path}`);
  }
}
