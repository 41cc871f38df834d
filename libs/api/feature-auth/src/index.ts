export type { AuthTelemetry, IdpDocument } from './lib/auth-telemetry';
export { createAuth, type AuthRuntime, type CreateAuthOptions } from './lib/create-auth';
export { AUTH_ERROR_CODES } from './lib/errors';
export { bearerAuth, type BearerAuthOptions } from './lib/http/bearer-auth';
export {
  protectedResourceMetadata,
  resourceMetadataUrl,
  type ProtectedResourceMetadataOptions,
} from './lib/http/protected-resource-metadata';
export { routePolicyGuard, type RouteAuthPolicy } from './lib/http/route-policy';
export { ACCESS_TOKEN_SECURITY_SCHEMES } from './lib/http/security-schemes';
export type { AccessTokenClaims, AuthenticatedUser } from './lib/user/authenticated-user';
export { GroupMembership, lowerCaseGroups } from './lib/user/groups';
