export * from './lib/api-feature-auth';
