export { queryPrometheus, type PrometheusSeries } from './lib/prometheus-api';
export {
  startPrometheus,
  type LoggedQuery,
  type RunningPrometheus,
  type StartPrometheusOptions,
} from './lib/start-prometheus';
