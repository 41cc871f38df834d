import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { analyticsProblem } from './analytics-problem';

const refusal = (status: number, code: string, message: string, headers = {}) =>
  new HttpErrorResponse({
    status,
    headers: new HttpHeaders(headers),
    error: { statusCode: status, error: 'x', code, message },
  });

describe('analyticsProblem', () => {
  it('keeps the API’s words for a figures source that is missing, failing or slow', () => {
    expect(
      analyticsProblem(
        refusal(503, 'analytics_unavailable', 'No figures source is configured', {
          'Retry-After': '60',
        }),
      ),
    ).toEqual({
      kind: 'source-unavailable',
      message: 'No figures source is configured',
      retryAfterS: 60,
    });
    expect(
      analyticsProblem(
        refusal(503, 'analytics_unavailable', 'cannot be reached', { 'Retry-After': 'soon' }),
      ),
    ).toEqual({ kind: 'source-unavailable', message: 'cannot be reached' });
    expect(
      analyticsProblem(refusal(504, 'analytics_timeout', 'did not answer within 5 s')),
    ).toEqual({ kind: 'source-timeout', message: 'did not answer within 5 s' });
  });

  it('a database that is not (any more) visible; a range refused', () => {
    expect(analyticsProblem(refusal(404, 'not_found', 'No such database'))).toEqual({
      kind: 'not-found',
    });
    expect(analyticsProblem(refusal(400, 'invalid_request', 'from must be before to'))).toEqual({
      kind: 'invalid-range',
      message: 'from must be before to',
    });
  });

  it('anything else, or a body that is not the API’s, is a plain failure', () => {
    expect(analyticsProblem(refusal(414, 'invalid_request', 'too long'))).toEqual({
      kind: 'failed',
    });
    expect(analyticsProblem(new HttpErrorResponse({ status: 502, error: '<html>' }))).toEqual({
      kind: 'failed',
    });
    expect(analyticsProblem(new Error('x'))).toEqual({ kind: 'failed' });
  });
});
