export { loadApiConfig, type ApiConfig, type AuthConfig, type LogLevel } from './lib/api-config';
export {
  loadAnalyticsConfig,
  type AnalyticsConfig,
  type AnalyticsSourceConfig,
} from './lib/analytics-config';
export type { ChatConfig } from './lib/chat-config';
export type { DpopConfig, DpopMode, ReplayStoreConfig } from './lib/dpop-config';
export type { StoreConfig } from './lib/store-config';
export { ConfigError, isLoopbackHost } from '@oracle-ai/shared/util-env';
export { SUPPORTED_ALGORITHMS, type SigningAlgorithm } from './lib/signing-algorithms';
