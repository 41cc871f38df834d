import { HttpErrorResponse } from '@angular/common/http';
import { isApiErrorBody } from '@oracle-ai/shared/util-api-contract';

/**
 * Why figures could not be shown, as the analytics page words it. The API's own message is kept
 * where it is meant for people (it says whether no source is configured or the source is failing,
 * and how long it waited). Refusals of the API itself (401, 403, the API down) never get here:
 * the auth interceptors take the user to the page that explains them.
 */
export type AnalyticsProblem =
  /** 503 `analytics_unavailable`: no figures source configured, or it is down or failing. */
  | { kind: 'source-unavailable'; message: string; retryAfterS?: number }
  /** 504 `analytics_timeout`: the figures source did not answer in time. */
  | { kind: 'source-timeout'; message: string }
  /** 404: the database is not (any more) among those the caller may see. */
  | { kind: 'not-found' }
  /** 400: the range was refused. */
  | { kind: 'invalid-range'; message: string }
  | { kind: 'failed' };

export function analyticsProblem(error: unknown): AnalyticsProblem {
  if (!(error instanceof HttpErrorResponse)) return { kind: 'failed' };
  const body: unknown = error.error;
  if (!isApiErrorBody(body)) return { kind: 'failed' };
  switch (body.code) {
    case 'analytics_unavailable': {
      const retryAfterS = Number(error.headers.get('Retry-After'));
      return Number.isInteger(retryAfterS) && retryAfterS > 0
        ? { kind: 'source-unavailable', message: body.message, retryAfterS }
        : { kind: 'source-unavailable', message: body.message };
    }
    case 'analytics_timeout':
      return { kind: 'source-timeout', message: body.message };
    case 'not_found':
      return { kind: 'not-found' };
    case 'invalid_request':
      return error.status === 400
        ? { kind: 'invalid-range', message: body.message }
        : { kind: 'failed' };
    default:
      return { kind: 'failed' };
  }
}
