import { isApiErrorBody } from './error-codes';

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
