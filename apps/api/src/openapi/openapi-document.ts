import { generateKeyPairSync } from 'node:crypto';
import { loadApiConfig, type ApiConfig } from '@oracle-ai/api/util-config';
import { buildApp } from '../app';

/** The committed document (`docs/openapi.json`), relative to the workspace root. */
export const OPENAPI_DOCUMENT_PATH = 'docs/openapi.json';

/**
 * The API's OpenAPI document as the app generates it from its routes, for the documented
 * defaults (`API_PUBLIC_URL`, groups). Built offline: a throwaway static key stands in for the
 * IdP's, so nothing is fetched.
 */
export async function generateOpenApiDocument(): Promise<Record<string, unknown>> {
  const app = await buildApp(offlineConfig(), { logger: false });
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
  }
}

/** The document as committed: stable key order from the generator, two-space JSON, final newline. */
export function serializeOpenApiDocument(document: Record<string, unknown>): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

function offlineConfig(): ApiConfig {
  const config = loadApiConfig({
    AUTH_ISSUER: 'http://localhost:4400',
    AUTH_AUDIENCE: 'oracle-ai-api',
    AUTH_ALGORITHMS: 'ES256',
  });
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  config.auth.jwks = { keys: [{ ...publicKey.export({ format: 'jwk' }), alg: 'ES256' }] };
  return config;
}
