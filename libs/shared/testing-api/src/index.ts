export { startApi, type RunningApi, type StartApiOptions } from './lib/start-api';
