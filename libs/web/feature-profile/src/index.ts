export * from './lib/web-feature-profile/web-feature-profile';
