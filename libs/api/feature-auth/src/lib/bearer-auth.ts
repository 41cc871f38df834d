import fp from 'fastify-plugin';
import type { FastifyRequest, onRequestHookHandler } from 'fastify';
import {
  assertSingleAuthorizationLine,
  canonicalBearerToken,
  extractBearerToken,
} from './bearer-token';
import { groupRequired, withBearerChallenge } from './errors';
import { TurnBatch } from './turn-batch';
import { GroupMembership, lowerCaseGroups, readGroups, type GroupsClaimOptions } from './groups';
import type { AccessTokenVerifier, VerifiedAccessToken } from './access-token-verifier';
import type { AuthTelemetry } from './auth-telemetry';
import type { RouteAuthPolicy } from './route-policy';

/** The caller, as established from a verified access token. */
export interface AuthenticatedUser {
  sub: string;
  username: string;
  name?: string;
  email?: string;
  groups: string[];
  /** `groups`, indexed for group-policy checks. */
  membership: GroupMembership;
  expiresAt: Date;
  claims: Readonly<Record<string, unknown>>;
}

export interface BearerAuthOptions {
  verifier: AccessTokenVerifier;
  groupsClaim: GroupsClaimOptions;
  /** Any-of: needed for every route in the context this plugin is registered in. */
  requiredGroups: readonly string[];
  /** Told of every decision (metrics). */
  telemetry?: Pick<AuthTelemetry, 'granted' | 'refused'>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set for every request that reached a route of the authenticated context. */
    user: AuthenticatedUser | null;
  }
}

/**
 * Bearer-token authentication and group authorization for the routes of the context it is
 * registered in: each gets an `onRequest` hook (before any body is read) that verifies the token,
 * then enforces the app groups and the route's declared `config.auth.groups` — on every request,
 * cached token or not. Their responses, refusals included, are marked `Cache-Control: no-store`.
 * Routes in this context must not be public.
 */
export const bearerAuth = fp<BearerAuthOptions>(
  async (app, options) => {
    if (options.requiredGroups.length === 0)
      throw new Error('bearerAuth: requiredGroups must not be empty');
    const requiredGroups = lowerCaseGroups(options.requiredGroups);
    // The user derived from a verification result is computed once per cached result.
    const users = new WeakMap<VerifiedAccessToken, AuthenticatedUser>();
    const verifications = new TurnBatch();
    // HEAD routes are registered from their GET route's options, hook included: recognised by
    // identity, which survives minification (a function name does not).
    const ownHooks = new WeakSet<onRequestHookHandler>();
    const telemetry = options.telemetry;
    const refuse = (error: Error): Error => {
      telemetry?.refused?.(String((error as { code?: unknown }).code ?? '').toLowerCase());
      return withBearerChallenge(error);
    };

    app.decorateRequest('user', null);

    const authorize = (
      request: FastifyRequest,
      verified: VerifiedAccessToken,
      routeGroups: RouteGroups,
    ): void => {
      let user = users.get(verified);
      if (user === undefined) {
        user = toUser(verified.claims, options.groupsClaim);
        users.set(verified, user);
      }
      if (!user.membership.hasAny(requiredGroups)) throw groupRequired([...options.requiredGroups]);
      if (routeGroups.lowerCase.length > 0 && !user.membership.hasAny(routeGroups.lowerCase)) {
        throw groupRequired([...routeGroups.declared]);
      }
      request.user = user;
    };

    /** The route's hook: its group policy is resolved once, when the route is registered. */
    const authenticate = (routeGroups: RouteGroups): onRequestHookHandler => {
      // Callback style: a cached token is authorized synchronously, without a promise per request.
      const hook: onRequestHookHandler = function bearerAuthHook(request, reply, done) {
        // What a bearer token unlocks is private to its holder, and so is a refusal: no cache,
        // shared or the browser's, may store either (RFC 9111 §5.2.2.5).
        reply.header('cache-control', 'no-store');
        let token: string;
        try {
          if (request.headers.authorization !== undefined) {
            assertSingleAuthorizationLine(request.raw.rawHeaders);
          }
          // The SPA's case: a canonical header with a token verified before. Nothing but the
          // lookup runs until the cache has vouched for the token's bytes.
          const candidate = canonicalBearerToken(request.headers.authorization, request.query);
          const cached =
            candidate === undefined
              ? undefined
              : options.verifier.verifyCached(candidate, request.raw.socket ?? undefined);
          if (cached !== undefined) {
            authorize(request, cached, routeGroups);
            telemetry?.granted?.();
            return done();
          }
          token = extractBearerToken(request.headers.authorization, request.query);
        } catch (error) {
          return done(refuse(error as Error));
        }
        // A never-seen token: verified with the others of this event-loop turn (ADR 0006).
        verifications.add(() => {
          options.verifier.verify(token).then(
            (verified) => {
              try {
                authorize(request, verified, routeGroups);
              } catch (error) {
                return done(refuse(error as Error));
              }
              telemetry?.granted?.();
              done();
            },
            (error: Error) => done(refuse(error)),
          );
        });
      };
      ownHooks.add(hook);
      return hook;
    };

    app.addHook('onRoute', (route) => {
      const policy = (route.config as { auth?: RouteAuthPolicy } | undefined)?.auth;
      if (policy?.public === true) {
        throw new Error(
          `route ${String(route.method)} ${route.url} is public but registered behind bearer auth`,
        );
      }
      const existing =
        route.onRequest === undefined
          ? []
          : Array.isArray(route.onRequest)
            ? route.onRequest
            : [route.onRequest];
      if (existing.some((hook) => ownHooks.has(hook as onRequestHookHandler))) return;
      const declared = policy?.groups ?? [];
      route.onRequest = [
        authenticate({ declared, lowerCase: lowerCaseGroups(declared) }),
        ...existing,
      ];
    });
  },
  { fastify: '5.x', name: 'oracle-ai-bearer-auth' },
);

interface RouteGroups {
  declared: readonly string[];
  lowerCase: readonly string[];
}

function toUser(
  claims: VerifiedAccessToken['claims'],
  groupsClaim: GroupsClaimOptions,
): AuthenticatedUser {
  const groups = readGroups(claims, groupsClaim);
  return {
    sub: claims.sub,
    username:
      stringClaim(claims, 'preferred_username') ?? stringClaim(claims, 'username') ?? claims.sub,
    name: stringClaim(claims, 'name'),
    email: stringClaim(claims, 'email'),
    groups,
    membership: new GroupMembership(groups),
    expiresAt: new Date(claims.exp * 1000),
    claims,
  };
}

function stringClaim(claims: Record<string, unknown>, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
