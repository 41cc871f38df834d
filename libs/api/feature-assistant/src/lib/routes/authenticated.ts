import type { FastifyRequest } from 'fastify';
import type { AuthenticatedUser } from '@oracle-ai/api/feature-auth';

export function authenticated(request: FastifyRequest): AuthenticatedUser {
  // bearerAuth runs first for every route of this context; a missing user is a wiring bug.
  if (request.user === null) throw new Error('route reached without an authenticated user');
  return request.user;
}
