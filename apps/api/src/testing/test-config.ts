import { loadApiConfig, type ApiConfig } from '@oracle-ai/api/util-config';

/** API configuration for tests, built through the real env parser. */
export function testConfig(issuer: string, env: Record<string, string> = {}): ApiConfig {
  return loadApiConfig({
    AUTH_ISSUER: issuer,
    AUTH_AUDIENCE: 'oracle-ai-api',
    LOG_LEVEL: 'silent',
    ...env,
  });
}
