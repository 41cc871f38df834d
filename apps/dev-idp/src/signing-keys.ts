import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

export interface SigningKeyRotation {
  /** Drop the previous key at once instead of keeping it published for tokens already issued. */
  dropPrevious?: boolean;
}

/**
 * In-memory RS256 keys, never written to disk. The first key signs; the previous one stays
 * published until the next rotation so tokens it signed keep verifying.
 */
export class SigningKeyRing {
  private constructor(private keys: JWK[]) {}

  static async create(): Promise<SigningKeyRing> {
    return new SigningKeyRing([await generateSigningKey()]);
  }

  get currentKid(): string {
    return this.keys[0].kid as string;
  }

  get publishedKids(): string[] {
    return this.keys.map((key) => key.kid as string);
  }

  /** Private JWKs in signing order, as oidc-provider's `jwks` option wants them. */
  get privateJwks(): { keys: JWK[] } {
    return { keys: this.keys.map((key) => ({ ...key })) };
  }

  async rotate({ dropPrevious = false }: SigningKeyRotation = {}): Promise<void> {
    const next = await generateSigningKey();
    this.keys = dropPrevious ? [next] : [next, this.keys[0]];
  }
}

async function generateSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'RS256', use: 'sig' };
}
