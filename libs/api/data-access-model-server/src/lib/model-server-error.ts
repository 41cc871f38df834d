/**
 * Why the model server gave no (or no complete) answer:
 * - `unreachable`: no response (refused, reset, DNS, TLS) — worth one retry;
 * - `status`: an error status (`status`, and `retryAfterS` when it said);
 * - `timeout`: no event within the time limit (headers alone do not count);
 * - `protocol`: an answer that is not an OpenAI-compatible event stream, an oversized or
 *   malformed event, or an error event in the stream;
 * - `cut`: the stream ended without `[DONE]`;
 * - `aborted`: the caller's signal aborted the request (`cause` is its reason).
 */
export type ModelServerFailure =
  | 'unreachable'
  | 'status'
  | 'timeout'
  | 'protocol'
  | 'cut'
  | 'aborted';

/**
 * The model server failed. `message` is for logs: it names what happened (a status, a Node error
 * code) and never carries the model server's own error text, which is not read.
 */
export class ModelServerError extends Error {
  override readonly name = 'ModelServerError';

  constructor(
    readonly failure: ModelServerFailure,
    message: string,
    readonly details: { status?: number; retryAfterS?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause });
  }

  /** A failure a second attempt may not meet: no response at all, or a gateway that is busy now. */
  get retryable(): boolean {
    if (this.failure === 'unreachable') return true;
    const { status, retryAfterS } = this.details;
    return (
      this.failure === 'status' &&
      (status === 502 || status === 503 || status === 504) &&
      (retryAfterS === undefined || retryAfterS <= 1)
    );
  }
}

/** A request or stream that broke at the network level, named by Node's error code when there is one. */
export function unreachable(error: unknown, what: string): ModelServerError {
  const code =
    typeof (error as { code?: unknown } | undefined)?.code === 'string'
      ? ` (${(error as { code: string }).code})`
      : '';
  return new ModelServerError('unreachable', `${what}${code}`, { cause: error });
}
