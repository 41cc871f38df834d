export function apiFeatureAuth(): string {
  return 'api-feature-auth';
}
