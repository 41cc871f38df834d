import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { TestIssuer } from '@oracle-ai/api/testing-issuer';
import {
  mintTokenFile,
  mintTokens,
  tamperSignature,
  TOKEN_LIFETIME_S,
  TokenSupply,
} from './token-pool';

describe('token pools', () => {
  let issuer: TestIssuer;
  let dir: string;

  beforeAll(async () => {
    issuer = await TestIssuer.start();
    dir = mkdtempSync(join(tmpdir(), 'api-bench-tokens-'));
  });

  afterAll(async () => {
    await issuer.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const verify = (token: string) =>
    jwtVerify(token, createLocalJWKSet(issuer.jwks), {
      issuer: issuer.issuer,
      audience: issuer.audience,
      algorithms: ['RS256'],
    });

  it('mints distinct tokens the issuer signed, valid for the whole run', async () => {
    const tokens = await mintTokens(issuer, 50);
    expect(new Set(tokens).size).toBe(50);
    const { payload } = await verify(tokens[0]);
    expect(payload.exp).toBeGreaterThanOrEqual(
      Math.floor(Date.now() / 1000) + TOKEN_LIFETIME_S - 5,
    );
    expect(new Set(tokens.map((t) => decodeJwt(t).jti)).size).toBe(50);
  });

  it('mints a pool straight into a private file, one token per line', async () => {
    const path = join(dir, 'pool.txt');
    await mintTokenFile(issuer, path, 300);
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(new Set(lines).size).toBe(300);
    await verify(lines[299]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('tampers one signature character: still well-formed, no longer valid', async () => {
    const [token] = await mintTokens(issuer, 1);
    const tampered = tamperSignature(token);
    expect(tampered).toHaveLength(token.length);
    expect(tampered.split('.').slice(0, 2)).toEqual(token.split('.').slice(0, 2));
    expect(tampered).not.toBe(token);
    await expect(verify(tampered)).rejects.toMatchObject({
      code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    });
  });

  it('counts what the run minted, but not the reused same token', async () => {
    const supply = new TokenSupply(issuer, dir);
    const same = await supply.sameToken();
    expect(readFileSync(same.file, 'utf8')).toBe(`${same.token}\n`);
    await supply.file('fresh-1.txt', 20);
    await supply.inMemory(5);
    expect(supply.minted).toBe(25);
  });
});
