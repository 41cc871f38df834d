import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { AuthTelemetry } from '../auth-telemetry';
import type { SenderConstraint } from '../dpop/sender-constraint';
import { groupRequired } from '../errors';
import type { AccessTokenVerifier, VerifiedAccessToken } from '../token/access-token-verifier';
import type { AuthenticatedUser } from '../user/authenticated-user';
import { lowerCaseGroups } from '../user/groups';
import { readCredentials, type PresentedToken } from './authorization-header';
import { withChallenge, type ChallengeContext } from './challenge';
import type { RouteAuthPolicy } from './route-policy';

export interface BearerAuthOptions {
  verifier: AccessTokenVerifier;
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
    /** Set for every request that reached a route of the authenticated context; frozen. */
    user: AuthenticatedUser | null;
  }
}

/** A route's group policy, folded once when the route is registered. */
interface RouteGroups {
  declared: readonly string[];
  lowerCase: readonly string[];
}

/**
 * Access-token authentication and group authorization for the routes of the context it is
 * registered in. Each route gets an `onRequest` hook (before any body is read) that reads the
 * credentials, verifies the token (`Bearer`, or `DPoP` with its proof — {@link SenderConstraint}),
 * then enforces the app groups and the route's declared `config.auth.groups` — on every request,
 * cached token or not. Their responses, refusals included, are marked `Cache-Control: no-store`.
 * Routes in this context must not be public.
 *
 * The hook has two paths: a decision made now (a known Bearer token, or any refusal the request
 * itself shows), or one that waits for the end of the turn (a token not verified yet, a proof).
 */
export const bearerAuth = fp<BearerAuthOptions>(
  async (app, options) => {
    if (options.requiredGroups.length === 0)
      throw new Error('bearerAuth: requiredGroups must not be empty');
    const { verifier, senderConstraint: constraint, telemetry } = options;
    const requiredGroups = lowerCaseGroups(options.requiredGroups);
    const dpop = { dpop: constraint.dpopEnabled };
    const challenge = (scheme: ChallengeContext['scheme']): ChallengeContext => ({
      scheme,
      resourceMetadataUrl: options.resourceMetadataUrl,
      dpopAlgorithms: constraint.algorithms,
    });
    const challenges = { bearer: challenge('bearer'), dpop: challenge('dpop') };
    // Before the scheme is known, a client is told the scheme it must use.
    const unknownScheme = constraint.mode === 'required' ? challenges.dpop : challenges.bearer;

    const refusal = (error: Error, presented: PresentedToken | undefined): Error => {
      telemetry?.refused?.(String((error as { code?: unknown }).code ?? '').toLowerCase());
      return withChallenge(error, presented ? challenges[presented.scheme] : unknownScheme);
    };

    const authorize = (request: FastifyRequest, user: AuthenticatedUser, route: RouteGroups) => {
      if (!user.membership.hasAny(requiredGroups)) throw groupRequired(options.requiredGroups);
      if (route.lowerCase.length > 0 && !user.membership.hasAny(route.lowerCase)) {
        throw groupRequired(route.declared);
      }
      request.user = user;
    };

    /** The token is usable by this presentation, then the user may use this route. */
    const decide = (
      request: FastifyRequest,
      reply: FastifyReply,
      presented: PresentedToken,
      verified: VerifiedAccessToken,
      route: RouteGroups,
    ): void | Promise<void> => {
      const bound = constraint.check(request, reply, presented, verified.claims);
      if (bound === undefined) return authorize(request, verified.user, route);
      return bound.then(() => authorize(request, verified.user, route));
    };

    const hookFor = (route: RouteGroups): onRequestHookHandler =>
      function bearerAuthHook(request, reply, done) {
        // What a token unlocks is private to its holder, and so is a refusal: no cache, shared
        // or the browser's, may store either (RFC 9111 §5.2.2.5).
        reply.header('cache-control', 'no-store');
        let presented: PresentedToken | undefined;
        let decision: void | Promise<void>;
        try {
          presented = readCredentials(request, dpop);
          const verified = verifier.verify(presented.token, request.raw.socket ?? undefined);
          const known = presented;
          decision =
            verified instanceof Promise
              ? verified.then((token) => decide(request, reply, known, token, route))
              : decide(request, reply, known, verified, route);
        } catch (error) {
          return done(refusal(error as Error, presented));
        }
        if (decision === undefined) {
          telemetry?.granted?.();
          return done();
        }
        decision.then(
          () => {
            telemetry?.granted?.();
            done();
          },
          (error: Error) => done(refusal(error, presented)),
        );
      };

    // HEAD routes are registered from their GET route's options, hook included: recognised by
    // identity, which survives minification (a function name does not).
    const ownHooks = new WeakSet<onRequestHookHandler>();
    app.decorateRequest('user', null);
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
      const hook = hookFor({ declared, lowerCase: lowerCaseGroups(declared) });
      ownHooks.add(hook);
      route.onRequest = [hook, ...existing];
    });
  },
  { fastify: '5.x', name: 'oracle-ai-bearer-auth' },
);
