import { API_ERROR_CODES, API_ERROR_STATUSES, isApiErrorBody } from './error-codes';

describe('isApiErrorBody', () => {
  it('accepts a well-formed error body', () => {
    expect(
      isApiErrorBody({
        statusCode: 401,
        error: 'Unauthorized',
        code: 'token_expired',
        message: 'expired',
      }),
    ).toBe(true);
  });

  it.each([
    null,
    'x',
    {},
    { statusCode: 401, code: 'made_up', message: 'm' },
    { statusCode: '401', code: 'missing_token', message: 'm' },
  ])('rejects %p', (value) => {
    expect(isApiErrorBody(value)).toBe(false);
  });
});

describe('API_ERROR_STATUSES', () => {
  it('gives every code its statuses, each an error status, none twice', () => {
    for (const code of API_ERROR_CODES) {
      const statuses = API_ERROR_STATUSES[code];
      expect([code, statuses.length > 0]).toEqual([code, true]);
      expect([code, new Set(statuses).size]).toEqual([code, statuses.length]);
      for (const status of statuses)
        expect([code, status >= 400 && status < 600]).toEqual([code, true]);
    }
  });

  it('keeps client codes on 4xx statuses and server codes on 5xx', () => {
    const serverCodes = API_ERROR_CODES.filter((code) => API_ERROR_STATUSES[code][0] >= 500);
    for (const code of API_ERROR_CODES) {
      const classes = new Set(API_ERROR_STATUSES[code].map((status) => Math.floor(status / 100)));
      expect([code, classes.size]).toEqual([code, 1]);
    }
    expect(serverCodes.sort()).toEqual([
      'analytics_timeout',
      'analytics_unavailable',
      'assistant_timeout',
      'assistant_unavailable',
      'idp_unavailable',
      'internal_error',
      'overloaded',
      'replay_store_unavailable',
    ]);
  });
});
