import { DOCUMENT } from '@angular/common';
import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import {
  EnvironmentProviders,
  inject,
  makeEnvironmentProviders,
  provideAppInitializer,
} from '@angular/core';
import { OAuthLogger, OAuthStorage, provideOAuthClient } from 'angular-oauth2-oidc';
import { apiErrorNavigationInterceptor } from './access/api-client/api-error-navigation';
import { apiAuthInterceptor } from './http/api-auth-interceptor';
import { tokenEndpointDpopInterceptor } from './http/token-endpoint-dpop-interceptor';
import { RUNTIME_CONFIG, RuntimeConfig } from './runtime-config/runtime-config';
import { AuthSession } from './session/auth-session';
import { RedactingOAuthLogger } from './session/redacting-oauth-logger';
import { HybridOAuthStorage } from './storage/hybrid-oauth-storage';
import { sessionStorageOf } from './storage/session-storage-of';

/**
 * Everything the SPA needs for OpenID Connect. HttpClient is wired here on purpose: only our
 * interceptors are registered, never `withInterceptorsFromDi()`, which would activate the OAuth
 * library's own interceptor (it sends the token to every URL when `allowedUrls` is unset).
 * The error navigation comes first, i.e. outermost: it sees what is left after refresh and replay.
 * The DPoP proofs of the token endpoint are added to the OAuth library's own requests here too.
 * `withFetch()`: a streamed answer is read as it arrives (`HttpDownloadProgressEvent.partialText`)
 * through the same interceptors — one way of attaching credentials — and unsubscribing aborts it.
 */
export function provideAuth(config: RuntimeConfig): EnvironmentProviders {
  return makeEnvironmentProviders([
    { provide: RUNTIME_CONFIG, useValue: config },
    provideHttpClient(
      withFetch(),
      withInterceptors([
        apiErrorNavigationInterceptor,
        apiAuthInterceptor,
        tokenEndpointDpopInterceptor,
      ]),
    ),
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
