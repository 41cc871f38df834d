export { ask, type AskCommandOptions } from './lib/ask-command';
export type { CliContext } from './lib/cli-context';
export { EXIT, reportFailure } from './lib/exit-status';
export { login, type LoginOptions } from './lib/login-command';
export { logout } from './lib/logout-command';
export { printToken } from './lib/token-command';
export { UsageError } from './lib/usage-error';
export { whoami, type WhoamiOptions } from './lib/whoami-command';
