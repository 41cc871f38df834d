export { builtApp, type BuiltApp } from './lib/built-app';
export { findFreePort, holdPort, type HeldPort } from './lib/free-port';
export { readableBuildCopy } from './lib/readable-build-copy';
export { ProcessStartError, type ProcessStartErrorCode } from './lib/process-start-error';
export type { Readiness } from './lib/readiness';
export type { RunningProcess } from './lib/running-process';
export {
  startBuiltServer,
  type RunningServer,
  type StartBuiltServerOptions,
} from './lib/start-built-server';
export { startOnFreePort } from './lib/start-on-free-port';
export {
  killStartedProcesses,
  startNodeProcess,
  startProcess,
  type StartNodeProcessOptions,
  type StartProcessOptions,
} from './lib/start-process';
export { findWorkspaceRoot } from './lib/workspace-root';
