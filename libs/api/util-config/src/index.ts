export * from './lib/api-util-config';
