import { API_ERROR_STATUSES } from '@oracle-ai/shared/util-api-contract';
import { AUTH_ERROR_CODES, AuthErrors } from './errors';

describe('auth errors', () => {
  it('each is an API error code, sent with the status the contract gives it', () => {
    for (const errorClass of Object.values(AuthErrors)) {
      const error = new errorClass('x' as never);
      expect(error.code).toBe(errorClass.apiCode.toUpperCase());
      expect(API_ERROR_STATUSES[errorClass.apiCode]).toContain(error.statusCode);
    }
  });

  it('AUTH_ERROR_CODES lists every code an authenticated route can be refused with, once', () => {
    expect(new Set(AUTH_ERROR_CODES).size).toBe(Object.keys(AuthErrors).length);
    expect(AUTH_ERROR_CODES).toEqual(expect.arrayContaining(['missing_token', 'group_required']));
  });
});
