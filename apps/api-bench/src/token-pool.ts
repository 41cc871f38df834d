import { KeyObject, randomUUID, sign } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import type { TestIssuer } from '@oracle-ai/api/testing-issuer';

/** Tokens stay valid for an hour: longer than any bench run, so none expires mid-round. */
export const TOKEN_LIFETIME_S = 3600;

/**
 * Mints `count` distinct RS256 tokens with the issuer's current key. Each differs by `jti` only,
 * like a stream of users' tokens from one IdP. Signing goes through node:crypto's async `sign`,
 * which runs on libuv's thread pool and so uses every core; the private key never leaves memory.
 */
export async function mintTokens(
  issuer: TestIssuer,
  count: number,
  { inFlight = 64 }: { inFlight?: number } = {},
): Promise<string[]> {
  const template = await issuer.mint({
    claims: { exp: Math.floor(Date.now() / 1000) + TOKEN_LIFETIME_S },
  });
  const [encodedHeader, encodedPayload] = template.split('.');
  const claims = JSON.parse(Buffer.from(encodedPayload, 'base64url').toString()) as Record<
    string,
    unknown
  >;
  const key = KeyObject.from(issuer.currentKey.privateKey);
  const tokens = new Array<string>(count);

  const mintOne = (index: number): Promise<void> => {
    const payload = Buffer.from(JSON.stringify({ ...claims, jti: randomUUID() })).toString(
      'base64url',
    );
    const input = `${encodedHeader}.${payload}`;
    return new Promise((resolve, reject) => {
      sign('sha256', Buffer.from(input), key, (error, signature) => {
        if (error) return reject(error);
        tokens[index] = `${input}.${signature.toString('base64url')}`;
        resolve();
      });
    });
  };

  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) await mintOne(next++);
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, lane));
  return tokens;
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
