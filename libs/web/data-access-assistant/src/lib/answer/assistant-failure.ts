import { HttpErrorResponse } from '@angular/common/http';
import { apiErrorBodyOf, retryAfterSeconds } from '@oracle-ai/web/data-access-auth';

/** Why an answer did not come, or did not come to its end; the page says each in plain words. */
export type AssistantFailure =
  /** 429: the user's answers per minute, or in progress at once, are used up. */
  | { kind: 'rate_limited'; retryAfterS?: number }
  /** 502/503, or the stream's `assistant_unavailable` event: no model server answers now. */
  | { kind: 'unavailable'; retryAfterS?: number }
  /** 504, or the stream's `assistant_timeout` event: the model server took too long. */
  | { kind: 'timeout' }
  /** The answer started and stopped before its end, no reason given (connection lost, cut). */
  | { kind: 'cut' }
  /** No answer at all: the network, or the API, is out of reach. */
  | { kind: 'offline' }
  /** 400, 413, 415: the API refused the question as sent; its message says why. */
  | { kind: 'refused'; message?: string }
  /** 403: the user (no longer) has a group the assistant needs. */
  | { kind: 'denied' }
  /** 401 after the single refresh and replay: the sign-in is over (a new one has begun). */
  | { kind: 'signed_out' }
  /** The answer arrived in a shape this client cannot read. */
  | { kind: 'unreadable' }
  /** Anything else, e.g. a 500. */
  | { kind: 'failed'; status?: number };

/** An answer's observable fails with this. */
export class AssistantError extends Error {
  override readonly name = 'AssistantError';

  constructor(readonly failure: AssistantFailure) {
    super(`The assistant's answer failed: ${failure.kind}`);
  }
}

const REFUSAL_STATUSES = [400, 413, 415, 422];

/**
 * What a failed `POST /api/chat/completions` means. `answerStarted`: the API had begun its
 * answer (a 2xx with headers) — a lost connection then cuts an answer instead of preventing it.
 */
export function failureOf(error: unknown, answerStarted: boolean): AssistantFailure {
  if (!(error instanceof HttpErrorResponse)) return { kind: 'failed' };
  const { status } = error;
  if (status === 0) return answerStarted ? { kind: 'cut' } : { kind: 'offline' };
  if (status === 401) return { kind: 'signed_out' };
  if (status === 403) return { kind: 'denied' };
  if (status === 429) return { kind: 'rate_limited', ...retryAfter(error) };
  if (status === 502 || status === 503) return { kind: 'unavailable', ...retryAfter(error) };
  if (status === 504) return { kind: 'timeout' };
  if (REFUSAL_STATUSES.includes(status)) {
    const message = apiErrorBodyOf(error)?.message;
    return message === undefined ? { kind: 'refused' } : { kind: 'refused', message };
  }
  return { kind: 'failed', status };
}

/** `{ retryAfterS }` when the API said how long to wait, else nothing. */
function retryAfter(error: HttpErrorResponse): { retryAfterS?: number } {
  const retryAfterS = retryAfterSeconds(error);
  return retryAfterS === undefined ? {} : { retryAfterS };
}
