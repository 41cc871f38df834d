export { ApiError, type ApiErrorCode } from './lib/api-error';
export type { ApiFetch, ApiRequest } from './lib/api-fetch';
export { OracleAiApi, type AskOptions } from './lib/oracle-ai-api';
