import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { extractBearerToken } from './bearer-token';
import { groupRequired } from './errors';
import { hasAnyGroup, readGroups, type GroupsClaimOptions } from './groups';
import type { AccessTokenVerifier } from './access-token-verifier';
import type { RouteAuthPolicy } from './route-policy';

/** The caller, as established from a verified access token. */
export interface AuthenticatedUser {
  sub: string;
  username: string;
  name?: string;
  email?: string;
  groups: string[];
  expiresAt: Date;
  claims: Readonly<Record<string, unknown>>;
}

export interface BearerAuthOptions {
  verifier: AccessTokenVerifier;
  groupsClaim: GroupsClaimOptions;
  /** Any-of: needed for every route in the context this plugin is registered in. */
  requiredGroups: readonly string[];
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set for every request that reached a route of the authenticated context. */
    user: AuthenticatedUser | null;
  }
}

/**
 * Bearer-token authentication and group authorization for the context it is registered in.
 * Verifies in `onRequest` (before any body is read), then enforces the app groups and the
 * route's declared `config.auth.groups`. Routes in this context must not be public.
 */
export const bearerAuth = fp<BearerAuthOptions>(
  async (app, options) => {
    if (options.requiredGroups.length === 0)
      throw new Error('bearerAuth: requiredGroups must not be empty');

    app.decorateRequest('user', null);

    app.addHook('onRoute', (route) => {
      const policy = (route.config as { auth?: RouteAuthPolicy } | undefined)?.auth;
      if (policy?.public === true) {
        throw new Error(
          `route ${String(route.method)} ${route.url} is public but registered behind bearer auth`,
        );
      }
    });

    app.addHook('onRequest', async (request) => {
      const token = extractBearerToken(request.headers.authorization, request.query);
      const { claims } = await options.verifier.verify(token);
      const user = toUser(claims, options.groupsClaim);
      if (!hasAnyGroup(user.groups, options.requiredGroups))
        throw groupRequired([...options.requiredGroups]);
      const routeGroups = routeGroupsOf(request);
      if (routeGroups.length > 0 && !hasAnyGroup(user.groups, routeGroups))
        throw groupRequired([...routeGroups]);
      request.user = user;
    });
  },
  { fastify: '5.x', name: 'oracle-ai-bearer-auth' },
);

function routeGroupsOf(request: FastifyRequest): readonly string[] {
  const policy = request.routeOptions.config.auth;
  return policy !== undefined && policy.public !== true ? policy.groups : [];
}

function toUser(
  claims: Record<string, unknown> & { sub: string; exp: number },
  groupsClaim: GroupsClaimOptions,
): AuthenticatedUser {
  return {
    sub: claims.sub,
    username:
      stringClaim(claims, 'preferred_username') ?? stringClaim(claims, 'username') ?? claims.sub,
    name: stringClaim(claims, 'name'),
    email: stringClaim(claims, 'email'),
    groups: readGroups(claims, groupsClaim),
    expiresAt: new Date(claims.exp * 1000),
    claims,
  };
}

function stringClaim(claims: Record<string, unknown>, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
