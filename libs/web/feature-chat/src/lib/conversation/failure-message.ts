import type { AssistantFailure } from '@oracle-ai/web/data-access-assistant';

/**
 * A failed answer in plain words: what happened and what to do. `partial`: some of the answer
 * arrived before the failure (it stays on the page).
 */
export function failureMessage(failure: AssistantFailure, partial: boolean): string {
  const incomplete = 'The answer is incomplete: what arrived is shown above.';
  switch (failure.kind) {
    case 'rate_limited':
      return `You have asked for many answers in a short time. ${waitThenRetry(failure.retryAfterS)}`;
    case 'unavailable':
      return partial
        ? `The assistant became unavailable while answering. ${incomplete}`
        : `The assistant is unavailable right now. ${waitThenRetry(failure.retryAfterS)}`;
    case 'timeout':
      return partial
        ? `The assistant stopped answering in time. ${incomplete}`
        : 'The assistant took too long to answer. Retry in a moment.';
    case 'cut':
      return `The answer was cut off before its end. ${incomplete} Retry for a complete answer.`;
    case 'offline':
      return 'Oracle AI could not be reached. Check your network connection, then retry.';
    case 'refused':
      return failure.message
        ? `The question could not be sent: ${failure.message}`
        : 'The question could not be sent: it is too long, or the conversation is too large.';
    case 'denied':
      return 'Your account does not have access to the assistant any more.';
    case 'signed_out':
      return 'Your sign-in has ended. You are being signed in again; this conversation will be lost.';
    case 'unreadable':
      return 'The answer could not be read. Retry; if it happens again, tell the operators.';
    case 'failed':
      return `Something went wrong on the server${failure.status ? ` (HTTP ${failure.status})` : ''}. Retry in a moment.`;
  }
}

function waitThenRetry(retryAfterS: number | undefined): string {
  if (retryAfterS === undefined || retryAfterS <= 1) return 'Wait a moment, then retry.';
  return `Wait ${retryAfterS} seconds, then retry.`;
}
