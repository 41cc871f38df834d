import fp from 'fastify-plugin';

/**
 * What a route requires. Every route declares one in its `config.auth` (deny by default):
 * `{ public: true }` for unauthenticated routes, otherwise the extra any-of groups it needs on
 * top of the app groups every authenticated route requires (`{ groups: [] }` for none).
 */
export type RouteAuthPolicy = { public: true } | { public?: false; groups: readonly string[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuthPolicy;
  }
}

/**
 * Refuses to start when a route declares no auth policy, so a forgotten declaration fails
 * loudly at start-up instead of silently serving data. Register it before any route.
 */
export const routePolicyGuard = fp(
  async (app) => {
    app.addHook('onRoute', (route) => {
      const policy = (route.config as { auth?: RouteAuthPolicy } | undefined)?.auth;
      if (policy === undefined) {
        throw new Error(
          `route ${String(route.method)} ${route.url} declares no config.auth policy`,
        );
      }
    });
  },
  { fastify: '5.x', name: 'oracle-ai-route-policy-guard' },
);
