export * from './lib/api-feature-routes';
