import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { groupRequiredBody } from '../../testing/api-test-bed';
import { classifyApiFailure } from './api-failure';

function response(status: number, error: unknown = null, headers: Record<string, string> = {}) {
  return new HttpErrorResponse({ status, error, headers: new HttpHeaders(headers) });
}

describe('classifyApiFailure', () => {
  it('reads 401 as an unauthenticated call', () => {
    expect(classifyApiFailure(response(401))).toEqual({ kind: 'unauthenticated' });
  });

  it('reads 401 use_dpop_nonce as a demand for a nonce, not as a refused token', () => {
    const body = { statusCode: 401, error: 'Unauthorized', code: 'use_dpop_nonce', message: 'm' };
    expect(classifyApiFailure(response(401, body, { 'DPoP-Nonce': 'n-1' }))).toEqual({
      kind: 'use_dpop_nonce',
    });
    expect(classifyApiFailure(response(401, { ...body, code: 'invalid_dpop_proof' }))).toEqual({
      kind: 'unauthenticated',
    });
  });

  it('reads an error body that arrived as text, as for a streamed answer', () => {
    const body = { statusCode: 401, error: 'Unauthorized', code: 'use_dpop_nonce', message: 'm' };
    expect(classifyApiFailure(response(401, JSON.stringify(body)))).toEqual({
      kind: 'use_dpop_nonce',
    });
    expect(classifyApiFailure(response(403, JSON.stringify(groupRequiredBody(['g']))))).toEqual({
      kind: 'denied',
      requiredGroups: ['g'],
    });
    expect(classifyApiFailure(response(401, '<html>proxy error</html>'))).toEqual({
      kind: 'unauthenticated',
    });
  });

  it('reads 403 group_required as a denial naming the groups', () => {
    expect(classifyApiFailure(response(403, groupRequiredBody(['database', 7])))).toEqual({
      kind: 'denied',
      requiredGroups: ['database'],
    });
  });

  it('reads another 403 as a denial naming no group', () => {
    expect(classifyApiFailure(response(403, { message: 'no' }))).toEqual({
      kind: 'denied',
      requiredGroups: [],
    });
  });

  it.each([0, 502, 503, 504])('reads %s as an unavailable API', (status) => {
    expect(classifyApiFailure(response(status))).toEqual({ kind: 'unavailable' });
  });

  it.each([
    [503, 'analytics_unavailable'],
    [504, 'analytics_timeout'],
  ])('reads %s %s as the page’s own business: the API itself is up', (status, code) => {
    const body = {
      statusCode: status,
      error: 'x',
      code,
      message: 'No figures source is configured',
    };
    expect(classifyApiFailure(response(status, body, { 'Retry-After': '60' }))).toEqual({
      kind: 'other',
    });
  });

  it('keeps how long the API asked to wait, in seconds', () => {
    expect(classifyApiFailure(response(503, null, { 'Retry-After': '5' }))).toEqual({
      kind: 'unavailable',
      retryAfterS: 5,
    });
  });

  it('turns a Retry-After date into seconds from now', () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    try {
      const after = (date: string) =>
        classifyApiFailure(response(503, null, { 'Retry-After': date }));
      expect(after('Thu, 01 Jan 2026 00:00:10 GMT')).toEqual({
        kind: 'unavailable',
        retryAfterS: 10,
      });
      expect(after('Wed, 31 Dec 2025 23:59:00 GMT')).toEqual({
        kind: 'unavailable',
        retryAfterS: 0,
      });
    } finally {
      jest.useRealTimers();
    }
  });

  it('ignores a Retry-After it cannot read', () => {
    expect(classifyApiFailure(response(503, null, { 'Retry-After': 'soon' }))).toStrictEqual({
      kind: 'unavailable',
    });
  });

  it.each([
    ['a 500', response(500)],
    ['a 404', response(404)],
    ['an error that is not an HTTP response', new Error('boom')],
  ])('reads %s as another failure', (_case, error) => {
    expect(classifyApiFailure(error)).toEqual({ kind: 'other' });
  });
});
