export { corsPolicy, type CorsPolicyOptions } from './lib/cors-policy';
export { apiErrorHandler, type HttpErrorExtras } from './lib/error-handler';
