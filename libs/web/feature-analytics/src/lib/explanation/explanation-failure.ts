import { HttpErrorResponse } from '@angular/common/http';
import { AssistantError } from '@oracle-ai/web/data-access-assistant';
import { analyticsProblem } from '@oracle-ai/web/data-access-analytics';
import { problemWords } from '../panels/problem-words';

/**
 * Why an explanation did not come, or not to its end, in plain words. `partial`: some of it
 * arrived (it stays on the page). The figures' refusals (a database gone, the source down) come
 * from reading the evidence; the assistant's from its answer.
 */
export function explanationFailure(error: unknown, partial: boolean): string {
  const incomplete = 'The explanation is incomplete: what arrived is shown above.';
  if (error instanceof HttpErrorResponse) {
    const { title, text } = problemWords(analyticsProblem(error));
    return `${title}: ${text}`;
  }
  if (!(error instanceof AssistantError)) return 'Something went wrong; ask again.';
  const { failure } = error;
  switch (failure.kind) {
    case 'rate_limited':
      return `You have asked the assistant for many answers in a short time. ${waitThenRetry(failure.retryAfterS)}`;
    case 'unavailable':
      return partial
        ? `The assistant became unavailable while explaining. ${incomplete}`
        : `The assistant is unavailable right now. ${waitThenRetry(failure.retryAfterS)}`;
    case 'timeout':
      return partial
        ? `The assistant stopped answering in time. ${incomplete}`
        : 'The assistant took too long to answer. Ask again in a moment.';
    case 'cut':
      return `The explanation was cut off before its end. ${incomplete}`;
    case 'offline':
      return 'Oracle AI could not be reached. Check your network connection, then ask again.';
    case 'refused':
      return `This span cannot be explained${failure.message ? `: ${failure.message}` : '.'}`;
    case 'denied':
      return 'Your account does not have access to the assistant any more.';
    case 'signed_out':
      return 'Your sign-in has ended. You are being signed in again.';
    case 'unreadable':
      return 'The explanation could not be read. Ask again; if it happens again, tell the operators.';
    case 'failed':
      return failure.status === 404
        ? 'This database is not (any more) among those you may see.'
        : `Something went wrong on the server${failure.status ? ` (HTTP ${failure.status})` : ''}. Ask again in a moment.`;
  }
}

function waitThenRetry(retryAfterS: number | undefined): string {
  if (retryAfterS === undefined || retryAfterS <= 1) return 'Wait a moment, then ask again.';
  return `Wait ${retryAfterS} seconds, then ask again.`;
}
