export { findFreePort } from './lib/free-port';
export { ProcessStartError, type ProcessStartErrorCode } from './lib/process-start-error';
export type { Readiness } from './lib/readiness';
export type { RunningProcess } from './lib/running-process';
export {
  killStartedProcesses,
  startNodeProcess,
  startProcess,
  type StartNodeProcessOptions,
  type StartProcessOptions,
} from './lib/start-process';
export { findWorkspaceRoot } from './lib/workspace-root';
