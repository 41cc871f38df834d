export type SessionErrorCode =
  /** No session file: nobody has signed in (or `logout` removed it). */
  | 'ERR_SESSION_MISSING'
  /** The folder or a file could be read or replaced by another user, or is not what it should be. */
  | 'ERR_SESSION_UNSAFE'
  /** The file is not a session this version wrote. */
  | 'ERR_SESSION_DAMAGED'
  /** Another process held the lock for longer than the wait allowed. */
  | 'ERR_SESSION_LOCKED'
  /** Reading or writing failed for another reason (disk full, permissions of a parent folder). */
  | 'ERR_SESSION_IO';

/** A refusal about the stored session; the message is one line meant for the user, naming the fix. */
export class SessionError extends Error {
  override readonly name = 'SessionError';
  constructor(
    readonly code: SessionErrorCode,
    message: string,
  ) {
    super(message);
  }
}
