export type { Session } from './lib/session';
export { SessionError, type SessionErrorCode } from './lib/session-error';
export { sessionDirectory, type Env } from './lib/session-directory';
export type { SessionLockOptions } from './lib/session-lock';
export { SessionStore } from './lib/session-store';
