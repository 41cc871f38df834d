export function apiUtilConfig(): string {
  return 'api-util-config';
}
