export { AuthErrorPage } from './lib/auth-error-page/auth-error-page';
export { ForbiddenPage } from './lib/forbidden-page/forbidden-page';
export { LoggedOutPage } from './lib/logged-out-page/logged-out-page';
export { ServiceUnavailablePage } from './lib/service-unavailable-page/service-unavailable-page';
