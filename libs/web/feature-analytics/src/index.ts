export * from './lib/web-feature-analytics/web-feature-analytics';
