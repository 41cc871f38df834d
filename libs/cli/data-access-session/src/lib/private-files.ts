import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fchmodSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { SessionError } from './session-error';

/**
 * Owner and mode bits mean something on POSIX systems only; on Windows the user profile's ACLs
 * protect the folder and these checks are skipped.
 */
const POSIX = process.platform !== 'win32';
/** 0 where the platform lacks it: then a symbolic link is caught by `lstat` before opening. */
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;

/** Creates `dir` (0700) when missing, and refuses one that is not private to this user. */
export function ensurePrivateDirectory(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw ioError(`cannot create ${dir}`, error);
  }
  let stats: Stats;
  try {
    stats = lstatSync(dir);
  } catch (error) {
    throw ioError(`cannot read ${dir}`, error);
  }
  if (stats.isSymbolicLink() || !stats.isDirectory()) {
    throw unsafe(`${dir} is not a plain folder: remove it and log in again`);
  }
  checkOwnerAndMode(dir, stats, 0o700);
}

/**
 * The content of a private file, or undefined when there is none. The checks run on the opened
 * file itself (not on the path before opening), so the file cannot be swapped between check and
 * read; a symbolic link is never followed.
 */
export function readPrivateFile(path: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP') throw unsafe(`${path} is a symbolic link: remove it and log in again`);
    throw ioError(`cannot read ${path}`, error);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw unsafe(`${path} is not a plain file: remove it and log in again`);
    checkOwnerAndMode(path, stats, 0o600);
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * Replaces `path` atomically: the content goes to a new 0600 file beside it, is flushed to disk,
 * then renamed over the old one. A reader sees the old file or the new one, never half of one,
 * and a crash leaves at worst a stray temporary file, never a damaged session.
 */
export function writePrivateFile(path: string, content: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(
      temp,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW,
      0o600,
    );
    // The umask can only remove bits from 0600; this makes the mode exact whatever it is.
    if (POSIX) fchmodSync(fd, 0o600);
    writeFileSync(fd, content);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    throw ioError(`cannot write ${path}`, error);
  }
  syncDirectory(dirname(path));
}

/** Removes `path`; nothing to do when it is already gone. */
export function removePrivateFile(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch (error) {
    throw ioError(`cannot delete ${path}`, error);
  }
}

function checkOwnerAndMode(path: string, stats: Stats, expectedMode: number): void {
  if (!POSIX) return;
  const uid = process.getuid?.();
  if (uid !== undefined && stats.uid !== uid) {
    throw unsafe(
      `${path} belongs to another user (uid ${stats.uid}) and was not used: delete it and log in again`,
    );
  }
  const mode = stats.mode & 0o777;
  if ((mode & 0o077) !== 0) {
    const octal = mode.toString(8).padStart(4, '0');
    throw unsafe(
      `${path} is open to other users (mode ${octal}) and was not used: run chmod ${expectedMode.toString(8)} ${shellQuoted(path)} (or delete it and log in again if others may have read it)`,
    );
  }
}

/** Makes the rename itself durable; not every platform can open a folder, so best effort. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, constants.O_RDONLY);
    fsyncSync(fd);
  } catch {
    // Windows cannot fsync a folder; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A path as a POSIX shell reads it back, so the printed fix can be pasted as is. */
function shellQuoted(path: string): string {
  return /^[\w./~-]+$/.test(path) ? path : `'${path.replaceAll("'", `'\\''`)}'`;
}

function unsafe(message: string): SessionError {
  return new SessionError('ERR_SESSION_UNSAFE', message);
}

function ioError(what: string, error: unknown): SessionError {
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new SessionError('ERR_SESSION_IO', `${what} (${reason})`);
}
