export function apiFeatureRoutes(): string {
  return 'api-feature-routes';
}
