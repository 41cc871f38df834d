export { AnalyticsPage } from './lib/analytics-page/analytics-page';
