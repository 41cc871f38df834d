import {
  createHash,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { createWriteStream } from 'node:fs';
import type { TestIssuer } from '@oracle-ai/api/testing-issuer';
import { TOKEN_LIFETIME_S } from './token-pool';

/** JWS carries ECDSA signatures as raw r||s. */
const ES256 = { dsaEncoding: 'ieee-p1363' } as const;

/**
 * The DPoP round's client: one ES256 key, one access token bound to it (`cnf.jkt`), and proofs
 * signed just before the round that spends them — a proof is accepted for 60 s only.
 */
export class DpopClient {
  private readonly encodedHeader: string;
  private readonly ath: string;

  private constructor(
    readonly token: string,
    private readonly privateKey: KeyObject,
    jwk: object,
  ) {
    this.encodedHeader = base64url(JSON.stringify({ typ: 'dpop+jwt', alg: 'ES256', jwk }));
    this.ath = createHash('sha256').update(token).digest('base64url');
  }

  static async create(issuer: TestIssuer): Promise<DpopClient> {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const { kty, crv, x, y } = publicKey.export({ format: 'jwk' });
    // RFC 7638: the required members in lexicographic order.
    const jkt = createHash('sha256').update(JSON.stringify({ crv, kty, x, y })).digest('base64url');
    const token = await issuer.mint({
      claims: { cnf: { jkt }, exp: Math.floor(Date.now() / 1000) + TOKEN_LIFETIME_S },
    });
    return new DpopClient(token, privateKey, { kty, crv, x, y });
  }

  /** A never-seen proof for `GET <htu>`, signed on libuv's threads (node:crypto's async `sign`). */
  proof(htu: string, iat = Math.floor(Date.now() / 1000)): Promise<string> {
    const payload = base64url(
      JSON.stringify({ jti: randomUUID(), htm: 'GET', htu, iat, ath: this.ath }),
    );
    const input = `${this.encodedHeader}.${payload}`;
    return new Promise((resolve, reject) =>
      sign('sha256', Buffer.from(input), { key: this.privateKey, ...ES256 }, (error, signature) =>
        error ? reject(error) : resolve(`${input}.${signature.toString('base64url')}`),
      ),
    );
  }

  /** The bound token (first line), then `count` distinct proofs, into `path`; never all in memory. */
  async writeProofFile(path: string, htu: string, count: number, inFlight = 64): Promise<void> {
    const stream = createWriteStream(path, { mode: 0o600 });
    // Every signing lane may wait for the same drain.
    stream.setMaxListeners(inFlight + 1);
    stream.write(`${this.token}\n`);
    let started = 0;
    const lane = async (): Promise<void> => {
      while (started < count) {
        started++;
        if (!stream.write(`${await this.proof(htu)}\n`)) {
          await new Promise<void>((resolve) => stream.once('drain', resolve));
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(inFlight, count) }, lane));
    await new Promise<void>((resolve, reject) => {
      stream.once('error', reject);
      stream.end(resolve);
    });
  }

  /** Seconds one ES256 proof verification takes with node:crypto here (best of several batches). */
  verifySeconds(): number {
    const input = Buffer.from(`${this.encodedHeader}.e30`);
    const signature = sign('sha256', input, { key: this.privateKey, ...ES256 });
    const key = createPublicKey(this.privateKey);
    let best = Infinity;
    for (let batch = 0; batch < 8; batch++) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < 250; i++) verify('sha256', input, { key, ...ES256 }, signature);
      best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9 / 250);
    }
    return best;
  }
}

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}
