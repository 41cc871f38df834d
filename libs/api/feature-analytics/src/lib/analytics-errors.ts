import createError from '@fastify/error';
import type { PrometheusError } from '@oracle-ai/api/data-access-prometheus';
import type { HttpErrorExtras } from '@oracle-ai/api/feature-platform';
import type { ApiErrorCode } from '@oracle-ai/shared/util-api-contract';

/** How long a client should wait before asking a failing source again. */
export const SOURCE_RETRY_AFTER_S = 10;
/** … and a source that is not configured (only a restart with ANALYTICS_PROMETHEUS_URL changes that). */
export const UNCONFIGURED_RETRY_AFTER_S = 60;

/** Refusals are control flow, not bugs: no stack trace. */
function analyticsError<Arg extends unknown[] = []>(
  code: ApiErrorCode,
  message: string,
  statusCode: number,
) {
  return createError<Arg>(code, message, statusCode, Error, false);
}

const Errors = {
  InvalidRequest: analyticsError<[string]>('invalid_request', '%s', 400),
  NotFound: analyticsError<[string]>('not_found', '%s', 404),
  Unavailable: analyticsError<[string]>('analytics_unavailable', '%s', 503),
  Timeout: analyticsError<[string]>('analytics_timeout', '%s', 504),
};

export function invalidRequest(message: string): Error {
  return new Errors.InvalidRequest(message);
}

export function noSuchDatabase(): Error {
  return new Errors.NotFound('No such database, or not one you may see');
}

export function noSuchPanel(panels: readonly string[]): Error {
  return new Errors.NotFound(`No such panel (panels: ${panels.join(', ')})`);
}

export function noSource(): Error & HttpErrorExtras {
  return Object.assign(new Errors.Unavailable('No figures source is configured'), {
    retryAfterS: UNCONFIGURED_RETRY_AFTER_S,
  });
}

/** The source's failure as the client sees it: a status and a code, never the source's own words. */
export function sourceFailure(error: PrometheusError, timeoutS: number): Error & HttpErrorExtras {
  if (error.code === 'ERR_PROMETHEUS_TIMEOUT') {
    return new Errors.Timeout(`The figures source did not answer within ${timeoutS} s`);
  }
  return Object.assign(
    new Errors.Unavailable('The figures source cannot be reached or is failing; retry later'),
    {
      retryAfterS: SOURCE_RETRY_AFTER_S,
    },
  );
}
