export * from './lib/test-issuer';
