export * from './lib/web-feature-auth-pages/web-feature-auth-pages';
