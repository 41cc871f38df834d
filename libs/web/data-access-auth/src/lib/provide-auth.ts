import { DOCUMENT } from '@angular/common';
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  EnvironmentProviders,
  inject,
  makeEnvironmentProviders,
  provideAppInitializer,
} from '@angular/core';
import { OAuthLogger, OAuthStorage, provideOAuthClient } from 'angular-oauth2-oidc';
import { apiAuthInterceptor } from './http/api-auth-interceptor';
import { RUNTIME_CONFIG, RuntimeConfig } from './runtime-config/runtime-config';
import { AuthSession } from './session/auth-session';
import { RedactingOAuthLogger } from './session/redacting-oauth-logger';
import { HybridOAuthStorage } from './storage/hybrid-oauth-storage';
import { sessionStorageOf } from './storage/session-storage-of';

/**
 * Everything the SPA needs for OpenID Connect. HttpClient is wired here on purpose: only our
 * interceptor is registered, never `withInterceptorsFromDi()`, which would activate the OAuth
 * library's own interceptor (it sends the token to every URL when `allowedUrls` is unset).
 */
export function provideAuth(config: RuntimeConfig): EnvironmentProviders {
  return makeEnvironmentProviders([
    { provide: RUNTIME_CONFIG, useValue: config },
    provideHttpClient(withInterceptors([apiAuthInterceptor])),
    provideOAuthClient(),
    {
      provide: HybridOAuthStorage,
      useFactory: () => new HybridOAuthStorage(sessionStorageOf(inject(DOCUMENT))),
    },
    { provide: OAuthStorage, useExisting: HybridOAuthStorage },
    { provide: OAuthLogger, useClass: RedactingOAuthLogger },
    provideAppInitializer(() => inject(AuthSession).initialize()),
  ]);
}
