export * from './lib/api-routes';
export * from './lib/health-routes';
