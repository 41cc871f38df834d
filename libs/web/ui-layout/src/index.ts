export * from './lib/web-ui-layout/web-ui-layout';
