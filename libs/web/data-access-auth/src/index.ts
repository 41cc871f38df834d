export type { AccessDenial } from './lib/access/access-denial';
export { accessGuard, landingGuard, sessionGuard } from './lib/access/access-guards';
export { AccessStore } from './lib/access/access-store';
export type { AccessDecision } from './lib/access/access-store';
export { ApiClient } from './lib/access/api-client/api-client';
export {
  NAVIGATE_ON_API_ERROR,
  withoutErrorNavigation,
} from './lib/access/api-client/api-error-navigation';
export type { AppFeature } from './lib/access/app-feature';
export { apiErrorBodyOf, retryAfterSeconds } from './lib/http/api-failure';
export { toSafeReturnUrl } from './lib/navigation/return-url';
export { serviceUnavailableUrl } from './lib/navigation/service-unavailable-url';
export { provideAuth } from './lib/provide-auth';
export { loadRuntimeConfig, renderStartupError } from './lib/runtime-config/load-runtime-config';
export { RUNTIME_CONFIG, type RuntimeConfig } from './lib/runtime-config/runtime-config';
export { authErrorUrl, isAuthErrorReason } from './lib/session/auth-errors';
export type { AuthErrorReason } from './lib/session/auth-errors';
export { AuthSession } from './lib/session/auth-session';
export type { IdTokenClaims, RefreshOutcome } from './lib/session/auth-session';
