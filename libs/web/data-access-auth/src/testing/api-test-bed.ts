import {
  HttpClient,
  HttpInterceptorFn,
  provideHttpClient,
  withInterceptors,
} from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ApiRequestMatcher, isApiUrl } from '../lib/http/api-request-matcher';

export const TEST_API = 'https://api.example.com';

export const FORBIDDEN = { status: 403, statusText: 'Forbidden' };

/** The API's 403 body for a token without the group. */
export function groupRequiredBody(requiredGroups: unknown[]) {
  return {
    statusCode: 403,
    error: 'Forbidden',
    code: 'group_required',
    message: 'm',
    requiredGroups,
  };
}

/**
 * An HttpClient through `interceptors` to a testing backend, with the API at `TEST_API` and the
 * IdP at `https://sso.example.com`.
 */
export function interceptedHttp(interceptors: HttpInterceptorFn[], providers: Provider[]) {
  const matcher = {
    matches: (url: string) =>
      isApiUrl(url, TEST_API, 'https://app.example.com', ['https://sso.example.com']),
  };
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(withInterceptors(interceptors)),
      provideHttpClientTesting(),
      { provide: ApiRequestMatcher, useValue: matcher },
      ...providers,
    ],
  });
  return { http: TestBed.inject(HttpClient), backend: TestBed.inject(HttpTestingController) };
}
