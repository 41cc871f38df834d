import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import {
  assertSingleHeaderLine,
  canonicalAccessToken,
  extractAccessToken,
  type PresentedToken,
} from './bearer-token';
import type { SenderConstraint } from './dpop/sender-constraint';
import { AuthErrors, groupRequired, withChallenge, type ChallengeContext } from './errors';
import { TurnBatch } from './turn-batch';
import { lowerCaseGroups, type GroupsClaimOptions } from './groups';
import { toUser, type AuthenticatedUser } from './authenticated-user';
import {
  TokenCacheMiss,
  type AccessTokenVerifier,
  type VerifiedAccessToken,
} from './access-token-verifier';
import type { AuthTelemetry } from './auth-telemetry';
import type { RouteAuthPolicy } from './route-policy';

export interface BearerAuthOptions {
  verifier: AccessTokenVerifier;
  groupsClaim: GroupsClaimOptions;
  /** Any-of: needed for every route in the context this plugin is registered in. */
  requiredGroups: readonly string[];
  /** The RFC 9728 metadata URL every 401 challenge names. */
  resourceMetadataUrl: string;
  /** Which schemes are accepted and what binds a token to its presenter (RFC 9449). */
  senderConstraint: SenderConstraint;
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
 * Access-token authentication and group authorization for the routes of the context it is
 * registered in: each gets an `onRequest` hook (before any body is read) that verifies the token
 * (`Bearer`, or `DPoP` with its proof — see {@link SenderConstraint}), then enforces the app
 * groups and the route's declared `config.auth.groups` — on every request, cached token or not.
 * Their responses, refusals included, are marked `Cache-Control: no-store`. Routes in this
 * context must not be public.
 */
export const bearerAuth = fp<BearerAuthOptions>(
  async (app, options) => {
    if (options.requiredGroups.length === 0)
      throw new Error('bearerAuth: requiredGroups must not be empty');
    const requiredGroups = lowerCaseGroups(options.requiredGroups);
    const verifications = new TurnBatch();
    // HEAD routes are registered from their GET route's options, hook included: recognised by
    // identity, which survives minification (a function name does not).
    const ownHooks = new WeakSet<onRequestHookHandler>();
    const telemetry = options.telemetry;

    app.decorateRequest('user', null);
    const constraint = options.senderConstraint;
    const dpop = { dpop: constraint.dpopEnabled };
    const challenges = (scheme: ChallengeContext['scheme']): ChallengeContext => ({
      scheme,
      resourceMetadataUrl: options.resourceMetadataUrl,
      dpopAlgorithms: constraint.algorithms,
    });
    const bearerChallenges = challenges('bearer');
    const dpopChallenges = challenges('dpop');
    // Before the scheme is known, a client is told the scheme it must use.
    const unknownSchemeChallenges =
      constraint.mode === 'required' ? dpopChallenges : bearerChallenges;
    const refusal = (error: Error, presented?: PresentedToken): Error => {
      telemetry?.refused?.(String((error as { code?: unknown }).code ?? '').toLowerCase());
      return withChallenge(
        error,
        presented === undefined
          ? unknownSchemeChallenges
          : presented.scheme === 'dpop'
            ? dpopChallenges
            : bearerChallenges,
      );
    };
    const granted = (done: (error?: Error) => void): void => {
      telemetry?.granted?.();
      done();
    };

    const authorize = (
      request: FastifyRequest,
      verified: VerifiedAccessToken,
      routeGroups: RouteGroups,
    ): void => {
      // Derived once per verification, so a cached token is mapped once.
      // Another bearerAuth sharing the verifier may map groups differently: then derive anew.
      let user = verified.user;
      if (user === undefined || verified.userGroupsClaim !== options.groupsClaim) {
        user = verified.user = toUser(verified.claims, options.groupsClaim);
        verified.userGroupsClaim = options.groupsClaim;
      }
      if (!user.membership.hasAny(requiredGroups)) throw groupRequired([...options.requiredGroups]);
      if (routeGroups.lowerCase.length > 0 && !user.membership.hasAny(routeGroups.lowerCase)) {
        throw groupRequired([...routeGroups.declared]);
      }
      request.user = user;
    };

    /**
     * A verified token is usable by this presenter (its binding, RFC 9449), then authorized. Calls
     * `done` synchronously unless the replay store answers asynchronously.
     */
    const admit = (
      request: FastifyRequest,
      reply: FastifyReply,
      presented: PresentedToken,
      verified: VerifiedAccessToken,
      routeGroups: RouteGroups,
      done: (error?: Error) => void,
    ): void => {
      let pending: void | Promise<void>;
      try {
        pending = constraint.check(request, reply, presented, verified.claims);
        if (pending === undefined) authorize(request, verified, routeGroups);
      } catch (error) {
        return done(refusal(error as Error, presented));
      }
      if (pending === undefined) return granted(done);
      pending.then(
        () => {
          try {
            authorize(request, verified, routeGroups);
          } catch (error) {
            return done(refusal(error as Error, presented));
          }
          granted(done);
        },
        (error: Error) => done(refusal(error, presented)),
      );
    };

    /** The route's hook: its group policy is resolved once, when the route is registered. */
    const authenticate = (routeGroups: RouteGroups): onRequestHookHandler => {
      // Callback style: a cached token is admitted synchronously, without a promise per request.
      const hook: onRequestHookHandler = function bearerAuthHook(request, reply, done) {
        // What a token unlocks is private to its holder, and so is a refusal: no cache, shared
        // or the browser's, may store either (RFC 9111 §5.2.2.5).
        reply.header('cache-control', 'no-store');
        let presented: PresentedToken;
        let miss: TokenCacheMiss | undefined;
        try {
          if (request.headers.authorization !== undefined) {
            assertSingleHeaderLine(
              request.raw.rawHeaders,
              'authorization',
              (message) => new AuthErrors.InvalidRequest(message),
            );
          }
          // The SPA's case: a canonical header with a token verified before. Nothing but the
          // lookup runs until the cache has vouched for the token's bytes.
          const candidate = canonicalAccessToken(
            request.headers.authorization,
            request.query,
            dpop,
          );
          if (candidate !== undefined) {
            const lookup = options.verifier.verifyCached(
              candidate.token,
              request.raw.socket ?? undefined,
            );
            if (lookup instanceof TokenCacheMiss) miss = lookup;
            else if (lookup !== undefined) {
              if (candidate.scheme === 'bearer') {
                return admit(request, reply, candidate, lookup, routeGroups, done);
              }
              // A DPoP proof is new on every request: its signature is checked with the turn's
              // other signatures, like a never-seen token's (ADR 0006).
              return verifications.add(() =>
                admit(request, reply, candidate, lookup, routeGroups, done),
              );
            }
          }
          presented = extractAccessToken(request.headers.authorization, request.query, dpop);
        } catch (error) {
          return done(refusal(error as Error));
        }
        // A never-seen token: verified with the others of this event-loop turn (ADR 0006).
        verifications.add(() => {
          options.verifier.verify(presented.token, miss).then(
            (verified) => admit(request, reply, presented, verified, routeGroups, done),
            (error: Error) => done(refusal(error, presented)),
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
