import { startApi } from '@oracle-ai/shared/testing-api';
import { startDevAssistant } from '@oracle-ai/shared/testing-dev-assistant';
import { startDevIdp } from '@oracle-ai/shared/testing-dev-idp';
import { findFreePort } from '@oracle-ai/shared/testing-node-process';
import { randomBytes } from 'node:crypto';
import { startAnalyticsSource } from './analytics-source';
import type { E2eUrls } from './e2e-env';
import { startWebServer } from './web-server';
import { WORKSPACE_ROOT } from './workspace-root';

export interface StackOptions {
  /** DPoP in the dev IdP (`DEV_IDP_DPOP`) and in the SPA's config (`WEB_DPOP`). */
  dpop: boolean;
  /** The IdP and the API demand DPoP nonces (`DEV_IDP_DPOP_NONCE`, `AUTH_DPOP_NONCE`). */
  nonces?: boolean;
  accessTokenTtlS?: number;
  /**
   * The analytics' figures source: the dev exporter and a real Prometheus, with `dwh` open to
   * `oracle-ai-admins` only, as in the dev stack. Without it the API has no source configured.
   */
  analytics?: boolean;
}

/**
 * The assistant's limits for the suite: one user asks far more than 20 questions a minute across
 * the tests, and a timeout short enough for the 504 test (a first answer piece later than this).
 */
export const CHAT_TIMEOUT_S = 3;
const CHAT_RATE_PER_MINUTE = 1000;

export interface RunningStack {
  urls: E2eUrls;
  stop(): Promise<void>;
}

/**
 * The built dev IdP, the built dev model server (its test API on), the built API and the
 * production web server serving the SPA, on free ports and wired to each other, as in production
 * (config by env only).
 */
export async function startStack({
  dpop,
  nonces = false,
  accessTokenTtlS,
  analytics = false,
}: StackOptions): Promise<RunningStack> {
  const webPort = await findFreePort();
  const webOrigin = `http://localhost:${webPort}`;
  const idp = await startDevIdp({
    webOrigins: [webOrigin],
    accessTokenTtlS,
    dpop,
    dpopNonce: nonces,
  });
  const stops: (() => Promise<unknown>)[] = [() => idp.stop()];
  const stop = async () => {
    for (const each of stops.reverse()) await each();
  };
  try {
    // Answers in small pieces at a quick pace: streamed, yet fast enough for the suite.
    const assistant = await startDevAssistant({ paceMs: 5 });
    stops.push(() => assistant.stop());
    const source = analytics ? await startAnalyticsSource() : undefined;
    if (source !== undefined) stops.push(() => source.stop());
    const api = await startApi({
      workspaceRoot: WORKSPACE_ROOT,
      port: await findFreePort(),
      issuer: idp.issuer,
      urlHost: 'localhost',
      env: {
        CORS_ORIGINS: webOrigin,
        CHAT_MODEL_URL: assistant.baseUrl,
        CHAT_TIMEOUT_S: String(CHAT_TIMEOUT_S),
        CHAT_RATE_PER_MINUTE: String(CHAT_RATE_PER_MINUTE),
        ...(nonces
          ? { AUTH_DPOP_NONCE: 'on', AUTH_DPOP_NONCE_SECRET: randomBytes(32).toString('hex') }
          : {}),
        ...(source
          ? {
              ANALYTICS_PROMETHEUS_URL: source.prometheusUrl,
              ANALYTICS_DATABASE_GROUPS: '{"dwh": ["oracle-ai-admins"]}',
              ANALYTICS_SIMULATED: 'true',
            }
          : {}),
      },
    });
    stops.push(() => api.stop());
    const web = await startWebServer({
      workspaceRoot: WORKSPACE_ROOT,
      port: webPort,
      env: {
        WEB_ISSUER: idp.issuer,
        WEB_CLIENT_ID: 'oracle-ai-web',
        WEB_API_BASE_URL: api.url,
        WEB_SCOPE: 'openid profile email',
        WEB_DPOP: String(dpop),
      },
    });
    stops.push(() => web.stop());
    return {
      urls: {
        webOrigin,
        apiOrigin: api.url,
        issuer: idp.issuer,
        assistantOrigin: `http://127.0.0.1:${assistant.port}`,
        prometheusUrl: source?.prometheusUrl,
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
