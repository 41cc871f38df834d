import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { ApiConfig } from '@oracle-ai/api/util-config';
import {
  ACCESS_TOKEN_SECURITY_SCHEMES,
  bearerAuth,
  createAuth,
  protectedResourceMetadata,
  resourceMetadataUrl,
  routePolicyGuard,
} from '@oracle-ai/api/feature-auth';
import {
  answerClientError,
  apiErrorHandler,
  apiLoggerOptions,
  corsPolicy,
  openApi,
  REQUEST_ID_LOG_LABEL,
  requestIdOf,
  requestIds,
  drainingServerOptions,
  frameworkErrors,
  loadShedding,
} from '@oracle-ai/api/feature-platform';
import { apiRoutes, healthRoutes } from '@oracle-ai/api/feature-routes';
import { assistant, AssistantRelay } from '@oracle-ai/api/feature-assistant';
import { analyticsRoutes } from '@oracle-ai/api/feature-analytics';
import { httpMetrics, type ApiMetrics } from '@oracle-ai/api/feature-metrics';

export interface BuildAppOptions {
  /** Pino options, or false to silence logging (tests). */
  logger?: FastifyServerOptions['logger'];
  /** Metrics to instrument the app with (`main.ts` serves them on their own listener). */
  metrics?: ApiMetrics;
}

/** Builds the API. Listening is left to the caller (`main.ts`, or `inject` in tests). */
export async function buildApp(
  config: ApiConfig,
  options: BuildAppOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    // Tokens never reach a log line, whatever the level (the options' and handler's docs).
    logger: options.logger ?? apiLoggerOptions(config.logLevel),
    clientErrorHandler: answerClientError,
    // Per-request logs would sit on the hot path; a debug-level line is written in onResponse instead.
    logController: new LogController({
      disableRequestLogging: true,
      requestIdLogLabel: REQUEST_ID_LOG_LABEL,
    }),
    genReqId: requestIdOf,
    // A URL the router refuses (a path parameter over 100 characters) still gets the contract's error body.
    frameworkErrors,
    trustProxy: false,
    bodyLimit: 64 * 1024,
    // Timeouts, header limit, and a close that completes every request already sent (ADR 0008).
    ...drainingServerOptions({ keepAliveTimeoutMs: config.keepAliveTimeoutS * 1000 }),
  });

  const metrics = options.metrics;
  const auth = createAuth(config.auth, {
    logger: app.log,
    publicUrl: config.publicUrl,
    telemetry: metrics?.auth,
  });
  metrics?.observeSigningKeys(auth.keyStore);
  app.addHook('onClose', async () => {
    auth.keyStore.stop();
    await auth.senderConstraint.close();
  });
  if (config.auth.jwks !== undefined) {
    // A static JWKS has no IdP to wait for: a file without usable keys must stop start-up.
    await auth.keyStore.warm();
    if (!auth.keyStore.ready)
      throw new Error('AUTH_JWKS_FILE holds no usable signing key for AUTH_ALGORITHMS');
  } else {
    // Warm the keys without holding up start-up; /readyz tells when they are there.
    app.addHook('onReady', async () => {
      void auth.keyStore.warm();
    });
  }

  if (app.log.level === 'debug' || app.log.level === 'trace') {
    app.addHook('onResponse', async (request, reply) => {
      request.log.debug(
        {
          method: request.method,
          path: request.url.split('?')[0],
          statusCode: reply.statusCode,
          ms: reply.elapsedTime,
        },
        'request completed',
      );
    });
  }

  await app.register(apiErrorHandler);
  await app.register(requestIds);
  if (metrics !== undefined) await app.register(httpMetrics, { metrics });
  await app.register(corsPolicy, { origins: config.corsOrigins });
  await app.register(openApi, {
    info: API_INFO,
    publicUrl: config.publicUrl,
    securitySchemes: ACCESS_TOKEN_SECURITY_SCHEMES,
    ui: config.docs,
  });
  // After cors (its catch-all OPTIONS route serves preflights, which carry no credentials) and the
  // documentation UI (public, declares no policy): every route from here on must declare one.
  await app.register(routePolicyGuard);

  await app.register(healthRoutes, { signingKeysReady: () => auth.keyStore.ready });
  await app.register(protectedResourceMetadata, {
    resource: config.publicUrl,
    authorizationServers: [config.auth.issuer],
    dpop: { mode: config.auth.dpop.mode, algorithms: config.auth.dpop.algorithms },
  });
  await app.register(
    async (api) => {
      // First: an overloaded instance refuses before it spends anything on the request.
      await api.register(loadShedding, { ...config.loadShedding, onShed: metrics?.loadShed });
      await api.register(bearerAuth, {
        verifier: auth.verifier,
        requiredGroups: config.auth.requiredGroups,
        resourceMetadataUrl: resourceMetadataUrl(config.publicUrl),
        senderConstraint: auth.senderConstraint,
        telemetry: metrics?.auth,
      });
      await api.register(apiRoutes, { chatGroups: config.auth.chatGroups });
      // One assistant for the chat and the analytics' explanations: the same per-user limits.
      const relay = new AssistantRelay({
        config: config.chat,
        shutdownGraceS: config.shutdownGraceS,
        telemetry: metrics?.assistant,
      });
      await api.register(assistant, { chatGroups: config.auth.chatGroups, relay });
      await api.register(analyticsRoutes, {
        config: config.analytics,
        explanations: { relay, chatGroups: config.auth.chatGroups },
      });
    },
    { prefix: '/api' },
  );
  return app;
}

const API_INFO = {
  title: 'Oracle AI API',
  version: '1.0.0',
  description:
    "A database-performance assistant behind corporate single sign-on. Every `/api` route takes an RFC 9068 JWT access token from the configured OpenID Provider in `Authorization: Bearer`, verifies it locally against the IdP's keys and enforces group membership; errors follow RFC 6750 and carry a stable `code`. Protected-resource metadata (RFC 9728): `/.well-known/oauth-protected-resource`.",
};
