export { corsPolicy, type CorsPolicyOptions } from './lib/cors-policy';
export { answerClientError } from './lib/client-error';
export { apiErrorHandler, type HttpErrorExtras } from './lib/error-handler';
export {
  apiLoggerOptions,
  LOG_SERIALIZERS,
  serializeError,
  type LoggedError,
} from './lib/log-serializers';
export { errorResponseSchemas, type ErrorResponse } from './lib/error-schemas';
export { frameworkErrors } from './lib/framework-errors';
export { openApi, type OpenApiOptions } from './lib/openapi';
export { REQUEST_ID_LOG_LABEL, requestIdOf, requestIds } from './lib/request-id';
export { loadShedding, type LoadSheddingOptions, type OverloadReason } from './lib/load-shedding';
export {
  DEFAULT_HTTP_LIMITS,
  DrainingServer,
  drainingServerOptions,
  type DrainingServerOptions,
  type HttpServerLimits,
} from './lib/draining-server';
