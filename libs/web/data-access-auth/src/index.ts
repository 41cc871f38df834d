export * from './lib/web-data-access-auth/web-data-access-auth';
