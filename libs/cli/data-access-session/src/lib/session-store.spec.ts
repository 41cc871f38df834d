import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Session } from './session';
import { SessionStore } from './session-store';

const session: Session = {
  api: 'http://localhost:3000',
  issuer: 'http://localhost:4400',
  clientId: 'oracle-ai-cli',
  username: 'alice',
  accessToken: 'access-1',
  tokenType: 'Bearer',
  expiresAt: 1_900_000_000_000,
  refreshToken: 'refresh-1',
  scope: 'openid offline_access',
  signedInAt: 1_800_000_000_000,
};

const mode = (path: string) => statSync(path).mode & 0o777;

describe('SessionStore', () => {
  let home: string;
  let dir: string;
  let store: SessionStore;

  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'cli-session-'));
    dir = join(home, 'config', 'oracle-ai');
    store = new SessionStore(dir);
  });

  afterEach(() => {
    rmSync(home, { recursive: true, force: true });
  });

  it('has no session before the first write, and creates its folder 0700', () => {
    expect(store.read()).toBeUndefined();
    expect(mode(dir)).toBe(0o700);
  });

  it('writes the session 0600 whatever the umask, and reads it back', async () => {
    const umask = process.umask(0o000);
    try {
      await store.update(async () => store.write(session));
    } finally {
      process.umask(umask);
    }
    expect(mode(store.file)).toBe(0o600);
    expect(store.read()).toEqual(session);
    expect(JSON.parse(readFileSync(store.file, 'utf8'))).toMatchObject({ format: 1 });
  });

  it('replaces the file atomically, leaving no temporary file behind', async () => {
    await store.update(async () => store.write(session));
    const inode = statSync(store.file).ino;
    await store.update(async () => store.write({ ...session, accessToken: 'access-2' }));
    expect(statSync(store.file).ino).not.toBe(inode);
    expect(store.read()?.accessToken).toBe('access-2');
    expect(readdirSync(dir)).toEqual(['session.json']);
  });

  it('refuses a session file others can read, naming the file and the fix, and never uses it', async () => {
    await store.update(async () => store.write(session));
    chmodSync(store.file, 0o644);
    expect(() => store.read()).toThrow(
      expect.objectContaining({
        code: 'ERR_SESSION_UNSAFE',
        message: `${store.file} is open to other users (mode 0644) and was not used: run chmod 600 ${store.file} (or delete it and log in again if others may have read it)`,
      }),
    );
  });

  it.each([0o640, 0o604, 0o620, 0o601])('refuses mode %o', async (fileMode) => {
    await store.update(async () => store.write(session));
    chmodSync(store.file, fileMode);
    expect(() => store.read()).toThrow(expect.objectContaining({ code: 'ERR_SESSION_UNSAFE' }));
  });

  it('refuses a folder others can use, with the chmod that fixes it', () => {
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o755);
    expect(() => store.read()).toThrow(
      expect.objectContaining({
        code: 'ERR_SESSION_UNSAFE',
        message: expect.stringContaining(`(mode 0755) and was not used: run chmod 700 ${dir}`),
      }),
    );
  });

  it('quotes a path with spaces in the fix, so it can be pasted into a shell', async () => {
    const spaced = new SessionStore(join(home, 'my config', 'oracle-ai'));
    await spaced.update(async () => spaced.write(session));
    chmodSync(spaced.file, 0o644);
    expect(() => spaced.read()).toThrow(`run chmod 600 '${spaced.file}'`);
  });

  it('never follows a symbolic link in place of the session file', () => {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const elsewhere = join(home, 'elsewhere.json');
    writeFileSync(elsewhere, '{}', { mode: 0o600 });
    symlinkSync(elsewhere, store.file);
    expect(() => store.read()).toThrow(
      expect.objectContaining({
        code: 'ERR_SESSION_UNSAFE',
        message: `${store.file} is a symbolic link: remove it and log in again`,
      }),
    );
  });

  it.each([
    ['not JSON', '{', 'not JSON'],
    ['another format', JSON.stringify({ ...session, format: 2 }), 'not format 1'],
    [
      'a token missing',
      JSON.stringify({ ...session, format: 1, accessToken: '' }),
      'bad "accessToken"',
    ],
    [
      'a DPoP session without its key',
      JSON.stringify({ ...session, format: 1, tokenType: 'DPoP' }),
      'a DPoP session without its key',
    ],
    [
      'an issuer that is no URL',
      JSON.stringify({ ...session, format: 1, issuer: 'x' }),
      'bad "issuer"',
    ],
  ])('reports a damaged file (%s) with what is wrong', (_case, content, problem) => {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(store.file, content, { mode: 0o600 });
    expect(() => store.read()).toThrow(
      expect.objectContaining({
        code: 'ERR_SESSION_DAMAGED',
        message: `${store.file} is not a session this version of oracle-ai can read (${problem}): log in again`,
      }),
    );
  });

  it('require() names the command to run when there is no session', () => {
    expect(() => store.require()).toThrow(
      expect.objectContaining({
        code: 'ERR_SESSION_MISSING',
        message: 'not signed in: run `oracle-ai login --api <API URL>` first',
      }),
    );
  });

  it('remove() deletes the session, and is a no-op without one', async () => {
    await store.update(async () => store.write(session));
    await store.update(async () => store.remove());
    expect(store.read()).toBeUndefined();
    await store.update(async () => store.remove());
  });

  it('keeps the DPoP key with the session', async () => {
    const dpopKey = { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: 'd' };
    await store.update(async () => store.write({ ...session, tokenType: 'DPoP', dpopKey }));
    expect(store.read()?.dpopKey).toEqual(dpopKey);
  });
});
