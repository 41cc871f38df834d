import { join } from 'node:path';
import {
  ensurePrivateDirectory,
  readPrivateFile,
  removePrivateFile,
  writePrivateFile,
} from './private-files';
import { parseSession, serializeSession, type Session } from './session';
import { SessionError } from './session-error';
import { withSessionLock, type SessionLockOptions } from './session-lock';

/**
 * The session on disk: `<directory>/session.json` (0600) in a folder of its own (0700), and
 * `session.json.lock` while a command changes it. Every change (login, refresh, logout) happens
 * under the lock and replaces the file atomically.
 */
export class SessionStore {
  readonly file: string;
  private readonly lockFile: string;

  constructor(
    readonly directory: string,
    private readonly lockOptions: SessionLockOptions = {},
  ) {
    this.file = join(directory, 'session.json');
    this.lockFile = `${this.file}.lock`;
  }

  /** The stored session, or undefined when there is none; refuses an unsafe or damaged file. */
  read(): Session | undefined {
    ensurePrivateDirectory(this.directory);
    const json = readPrivateFile(this.file);
    if (json === undefined) return undefined;
    const session = parseSession(json);
    if ('problem' in session) {
      throw new SessionError(
        'ERR_SESSION_DAMAGED',
        `${this.file} is not a session this version of oracle-ai can read (${session.problem}): log in again`,
      );
    }
    return session;
  }

  /** The stored session; `ERR_SESSION_MISSING` when there is none. */
  require(): Session {
    const session = this.read();
    if (session === undefined) {
      throw new SessionError(
        'ERR_SESSION_MISSING',
        'not signed in: run `oracle-ai login --api <API URL>` first',
      );
    }
    return session;
  }

  /** Call inside {@link update} only, so that no other command's change is lost. */
  write(session: Session): void {
    ensurePrivateDirectory(this.directory);
    writePrivateFile(this.file, serializeSession(session));
  }

  /** Call inside {@link update} only. */
  remove(): void {
    removePrivateFile(this.file);
  }

  /**
   * Runs `change` holding the session's lock. `change` must read the session itself, inside: a
   * session read before the lock may have been refreshed or removed by another command since.
   */
  async update<T>(change: () => Promise<T>): Promise<T> {
    ensurePrivateDirectory(this.directory);
    return withSessionLock(this.lockFile, change, this.lockOptions);
  }
}
