import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { MeResponse } from '@oracle-ai/shared/util-api-contract';
import {
  AUTH_ERROR_CODES,
  lowerCaseGroups,
  type AuthenticatedUser,
} from '@oracle-ai/api/feature-auth';
import { errorResponseSchemas } from '@oracle-ai/api/feature-platform';

export interface ApiRoutesOptions {
  /** Any-of: groups that open the chat (`/me` says whether the caller has one). */
  chatGroups: readonly string[];
}

/**
 * The authenticated resources. Registered behind `bearerAuth`, which has already verified the
 * token and the app group; each route declares what it needs beyond that in `config.auth`.
 */
export const apiRoutes: FastifyPluginAsync<ApiRoutesOptions> = async (app, options) => {
  const chatGroups = lowerCaseGroups(options.chatGroups);

  // /me depends on nothing but the verified token, whose user object is frozen and shared by every
  // request with that token: its body is serialized once per user (ADR 0006: 6 % of a same-token
  // request).
  const meBodies = new WeakMap<AuthenticatedUser, string>();
  app.get(
    '/me',
    {
      config: { auth: { groups: [] } },
      schema: documented('Who the caller is and what the API lets them do', ME_SCHEMA),
    },
    (request, reply) => {
      const user = authenticated(request);
      let body = meBodies.get(user);
      if (body === undefined) {
        const me: MeResponse = {
          sub: user.sub,
          username: user.username,
          ...(user.name !== undefined && { name: user.name }),
          ...(user.email !== undefined && { email: user.email }),
          groups: [...user.groups],
          access: { chat: user.membership.hasAny(chatGroups), analytics: true },
          expiresAt: user.expiresAt,
          dpopBound: user.dpopBound,
        };
        body = reply.serialize(me) as string;
        meBodies.set(user, body);
      }
      reply.type('application/json; charset=utf-8').send(body);
    },
  );
};

/** Either scheme satisfies an `/api` route (OpenAPI: alternatives). */
const ACCESS_TOKEN_SECURITY: { [scheme: string]: string[] }[] = [{ bearer: [] }, { dpop: [] }];

/**
 * A route's schema: its answer, and every refusal the bearer hook can give (documented in the API
 * document and serialized by the same schemas).
 */
function documented(summary: string, body: object) {
  return {
    summary,
    tags: ['api'],
    security: ACCESS_TOKEN_SECURITY,
    response: {
      200: { description: summary, ...body },
      ...errorResponseSchemas([...AUTH_ERROR_CODES, 'overloaded', 'internal_error']),
    },
  };
}

/** Serialized with a compiled schema: the hot path for every page load of the SPA. */
const ME_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['sub', 'username', 'groups', 'access', 'expiresAt', 'dpopBound'],
  properties: {
    sub: { type: 'string' },
    username: { type: 'string' },
    name: { type: 'string' },
    email: { type: 'string' },
    groups: { type: 'array', items: { type: 'string' } },
    access: {
      type: 'object',
      required: ['chat', 'analytics'],
      properties: { chat: { type: 'boolean' }, analytics: { type: 'boolean' } },
    },
    expiresAt: {
      type: 'string',
      format: 'date-time',
      description: 'When the access token expires',
    },
    dpopBound: {
      type: 'boolean',
      description: 'Whether the access token is bound to the caller’s key (DPoP, RFC 9449)',
    },
  },
} as const;

function authenticated(request: FastifyRequest): AuthenticatedUser {
  // bearerAuth runs first for every route of this context; a missing user is a wiring bug.
  if (request.user === null) throw new Error('route reached without an authenticated user');
  return request.user;
}
