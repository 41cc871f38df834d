export type { AuthTelemetry, IdpDocument } from './lib/auth-telemetry';
export { bearerAuth, type AuthenticatedUser, type BearerAuthOptions } from './lib/bearer-auth';
export { createAuth, type AuthRuntime, type CreateAuthOptions } from './lib/create-auth';
export { GroupMembership, lowerCaseGroups } from './lib/groups';
export { routePolicyGuard, type RouteAuthPolicy } from './lib/route-policy';
