import { HttpErrorResponse } from '@angular/common/http';
import { OAuthErrorEvent } from 'angular-oauth2-oidc';
import { authErrorUrl, classifyCallbackError, isAuthErrorReason } from './auth-errors';

describe('auth errors', () => {
  it('knows its reasons and nothing else', () => {
    expect(isAuthErrorReason('state_mismatch')).toBe(true);
    expect(isAuthErrorReason('<script>')).toBe(false);
    expect(isAuthErrorReason(undefined)).toBe(false);
  });

  it('links to the page that explains a reason', () => {
    expect(authErrorUrl('idp_unreachable')).toBe('/auth-error?reason=idp_unreachable');
  });

  it.each([
    [
      'a nonce missing from state',
      'state_mismatch',
      new OAuthErrorEvent('invalid_nonce_in_state', {}),
    ],
    ['an ID token with another nonce', 'state_mismatch', 'Wrong nonce: n2'],
    ['no readable token response', 'token_endpoint_blocked', new HttpErrorResponse({ status: 0 })],
    ['a refused token request', 'login_failed', new HttpErrorResponse({ status: 400 })],
    ['anything else', 'login_failed', new Error('boom')],
  ])('classifies %s as %s', (_case, reason, error) => {
    expect(classifyCallbackError(error)).toBe(reason);
  });
});
