import { KeyObject, randomUUID, sign } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import type { TestIssuer } from '@oracle-ai/api/testing-issuer';

/** Tokens stay valid for an hour: longer than any bench run, so none expires mid-round. */
export const TOKEN_LIFETIME_S = 3600;

/**
 * Mints `count` distinct RS256 tokens with the issuer's current key and hands each to `sink` as
 * it is signed (in no particular order). Each differs by `jti` only, like a stream of users'
 * tokens from one IdP. Signing goes through node:crypto's async `sign`, which runs on libuv's
 * thread pool and so uses every core; the private key never leaves memory.
 */
async function mint(
  issuer: TestIssuer,
  count: number,
  sink: (token: string) => void | Promise<void>,
  inFlight = 64,
): Promise<void> {
  const template = await issuer.mint({
    claims: { exp: Math.floor(Date.now() / 1000) + TOKEN_LIFETIME_S },
  });
  const [encodedHeader, encodedPayload] = template.split('.');
  const claims = JSON.parse(Buffer.from(encodedPayload, 'base64url').toString()) as Record<
    string,
    unknown
  >;
  const key = KeyObject.from(issuer.currentKey.privateKey);

  const mintOne = (): Promise<string> => {
    const payload = Buffer.from(JSON.stringify({ ...claims, jti: randomUUID() })).toString(
      'base64url',
    );
    const input = `${encodedHeader}.${payload}`;
    return new Promise((resolve, reject) => {
      sign('sha256', Buffer.from(input), key, (error, signature) => {
        if (error) return reject(error);
        resolve(`${input}.${signature.toString('base64url')}`);
      });
    });
  };

  let started = 0;
  const lane = async (): Promise<void> => {
    while (started < count) {
      started++;
      await sink(await mintOne());
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, lane));
}

/** A few tokens, in memory (the same-token round, the cold-start burst). */
export async function mintTokens(issuer: TestIssuer, count: number): Promise<string[]> {
  const tokens: string[] = [];
  await mint(issuer, count, (token) => {
    tokens.push(token);
  });
  return tokens;
}

/**
 * `count` tokens straight into a file, one per line, never held in memory: pools of hundreds of
 * thousands of tokens would otherwise leave the harness with a heap to collect mid-run.
 * Only ever written under the run's private temp dir.
 */
export async function mintTokenFile(
  issuer: TestIssuer,
  path: string,
  count: number,
): Promise<void> {
  const stream = createWriteStream(path, { mode: 0o600 });
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  failed.catch(() => undefined);
  // One shared wait for 'drain', however many signing lanes hit a full buffer.
  let drained: Promise<void> | undefined;
  await Promise.race([
    mint(issuer, count, async (token) => {
      if (!stream.write(`${token}\n`)) {
        drained ??= new Promise<void>((resolve) =>
          stream.once('drain', () => {
            drained = undefined;
            resolve();
          }),
        );
      }
      if (drained !== undefined) await drained;
    }),
    failed,
  ]);
  await new Promise<void>((resolve) => stream.end(resolve));
}

/**
 * The same token with one base64url character of its signature changed: still well-formed, so
 * the server must run the signature check to reject it, and distinct from every valid token.
 * bench.lua does the same for wrk.
 */
export function tamperSignature(token: string): string {
  const at = token.length - 10;
  const replacement = token[at] === 'A' ? 'B' : 'A';
  return token.slice(0, at) + replacement + token.slice(at + 1);
}

/** One token per line; only ever written under the run's private temp dir. */
export async function writeTokenFile(path: string, tokens: readonly string[]): Promise<void> {
  const stream = createWriteStream(path, { mode: 0o600 });
  for (const token of tokens) {
    if (!stream.write(`${token}\n`))
      await new Promise<void>((resolve) => stream.once('drain', resolve));
  }
  await new Promise<void>((resolve, reject) => {
    stream.once('error', reject);
    stream.end(resolve);
  });
}

/** Mints the run's tokens into files under its private temp dir, counting them for the report. */
export class TokenSupply {
  minted = 0;

  constructor(
    private readonly issuer: TestIssuer,
    private readonly dir: string,
  ) {}

  /** `count` tokens in `<dir>/<name>`, one per line; resolves to the file's path. */
  async file(name: string, count: number): Promise<string> {
    const path = join(this.dir, name);
    await mintTokenFile(this.issuer, path, count);
    this.minted += count;
    return path;
  }

  /** The same-token rounds' one token, in memory and in its file (not counted: it is reused). */
  async sameToken(): Promise<{ token: string; file: string }> {
    const [token] = await mintTokens(this.issuer, 1);
    const file = join(this.dir, 'same-token.txt');
    await writeTokenFile(file, [token]);
    return { token, file };
  }

  async inMemory(count: number): Promise<string[]> {
    const tokens = await mintTokens(this.issuer, count);
    this.minted += count;
    return tokens;
  }
}
