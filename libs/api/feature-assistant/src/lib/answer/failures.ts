import { ModelServerError } from '@oracle-ai/api/data-access-model-server';
import type { ChatStreamError } from '@oracle-ai/shared/util-api-contract';
import type { AnswerOutcome } from '../assistant-telemetry';
import { AssistantErrors, withRetryAfter } from '../errors';

/** Why the API itself cancels a model-server request (the abort's reason). */
export const CLIENT_CLOSED = 'client_closed';
export const SHUTDOWN = 'shutdown';

/** `Retry-After` of a 503 when the model server did not say. */
const UNAVAILABLE_RETRY_AFTER_S = 5;
/** The restart of one instance: the client's retry reaches another one. */
export const SHUTDOWN_RETRY_AFTER_S = 1;

/** How an answer that failed ended, for its report. */
export function failureOutcome(error: unknown, started: boolean): AnswerOutcome {
  if (!(error instanceof ModelServerError)) return started ? 'interrupted' : 'unavailable';
  if (error.failure === 'aborted') return error.cause === SHUTDOWN ? 'shutdown' : 'client_closed';
  if (started) return 'interrupted';
  return error.failure === 'timeout' ? 'timeout' : 'unavailable';
}

/**
 * The refusal for a failure before any answer byte was sent (`started`: the model server had
 * begun a non-streamed answer): 504 `assistant_timeout` when the model server
 * sent nothing in time, else 503 `assistant_unavailable` with its `Retry-After` (the model
 * server's own when it gave one, its 429 included). Never the model server's text.
 */
export function refusalFor(
  error: unknown,
  { timeoutS, started }: { timeoutS: number; started: boolean },
): Error {
  if (error instanceof ModelServerError && error.failure === 'timeout') {
    return new AssistantErrors.Timeout(
      started
        ? `The assistant stopped answering for ${timeoutS} s; ask again`
        : `The assistant did not start answering within ${timeoutS} s; ask again`,
    );
  }
  if (
    error instanceof ModelServerError &&
    error.failure === 'aborted' &&
    error.cause === SHUTDOWN
  ) {
    return withRetryAfter(
      new AssistantErrors.Unavailable('This API instance is stopping; ask again'),
      SHUTDOWN_RETRY_AFTER_S,
    );
  }
  const retryAfterS =
    (error instanceof ModelServerError ? error.details.retryAfterS : undefined) ??
    UNAVAILABLE_RETRY_AFTER_S;
  return withRetryAfter(
    new AssistantErrors.Unavailable('The assistant is unavailable right now; retry later'),
    retryAfterS,
  );
}

/** The error event that ends a stream which failed after it began. */
export function streamFailure(error: unknown): ChatStreamError['error'] {
  if (error instanceof ModelServerError && error.failure === 'timeout') {
    return { code: 'assistant_timeout', message: 'The assistant stopped answering; ask again' };
  }
  if (
    error instanceof ModelServerError &&
    error.failure === 'aborted' &&
    error.cause === SHUTDOWN
  ) {
    return { code: 'assistant_unavailable', message: 'This API instance is stopping; ask again' };
  }
  return {
    code: 'assistant_unavailable',
    message: "The assistant's answer was interrupted; ask again",
  };
}
