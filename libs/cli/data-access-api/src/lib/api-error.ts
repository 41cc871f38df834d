export type ApiErrorCode =
  /** The API could not be reached, or did not answer in time. */
  | 'ERR_API_UNAVAILABLE'
  /** The API answered with an error status (its `code` is in the message). */
  | 'ERR_API_REFUSED'
  /** The API answered 2xx with something this client cannot read. */
  | 'ERR_API_INVALID_RESPONSE'
  /** The answer started, then the API reported a failure in the stream. */
  | 'ERR_ANSWER_FAILED'
  /** The stream ended without `[DONE]`: the answer is incomplete. */
  | 'ERR_ANSWER_CUT'
  /** Nothing arrived for longer than the idle limit. */
  | 'ERR_ANSWER_STALLED'
  /** The user pressed Ctrl-C. */
  | 'ERR_CANCELLED';

/** A failure talking to the API; the message is one line meant for the user. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    /** The HTTP status, for a refusal. */
    readonly status?: number,
    /** The API's machine `code` (`rate_limited`, `token_expired` …), for a refusal. */
    readonly apiCode?: string,
  ) {
    super(message);
  }
}
