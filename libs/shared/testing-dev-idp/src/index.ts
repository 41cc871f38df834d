export { startDevIdp, type RunningDevIdp, type StartDevIdpOptions } from './lib/start-dev-idp';
