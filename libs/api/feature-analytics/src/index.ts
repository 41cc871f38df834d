export { analyticsRoutes, type AnalyticsRoutesOptions } from './lib/analytics-routes';
export { EXPORTER_METRICS, type ExporterMetric } from './lib/exporter-metrics';
