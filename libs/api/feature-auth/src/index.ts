export type { AuthTelemetry, IdpDocument } from './lib/auth-telemetry';
export { bearerAuth, type BearerAuthOptions } from './lib/bearer-auth';
export type { AuthenticatedUser } from './lib/authenticated-user';
export { createAuth, type AuthRuntime, type CreateAuthOptions } from './lib/create-auth';
export { ACCESS_TOKEN_SECURITY_SCHEMES, AUTH_ERROR_CODES } from './lib/errors';
export { GroupMembership, lowerCaseGroups } from './lib/groups';
export {
  protectedResourceMetadata,
  resourceMetadataUrl,
  type ProtectedResourceMetadataOptions,
} from './lib/protected-resource-metadata';
export { routePolicyGuard, type RouteAuthPolicy } from './lib/route-policy';
