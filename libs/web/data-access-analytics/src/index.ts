export {
  analyticsDatabasesResource,
  analyticsPanelResource,
  type PanelQuery,
} from './lib/figures/analytics-resources';
export { analyticsProblem, type AnalyticsProblem } from './lib/problems/analytics-problem';
export { ExplanationClient, type Window } from './lib/explanation/explanation-client';
