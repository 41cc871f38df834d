import { hash } from 'node:crypto';

/** The members RFC 7638 §3.2 hashes for each key type, in the lexicographic order it requires. */
const THUMBPRINT_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  RSA: ['e', 'kty', 'n'],
  EC: ['crv', 'kty', 'x', 'y'],
  OKP: ['crv', 'kty', 'x'],
};

/**
 * The RFC 7638 SHA-256 thumbprint of a public JWK, base64url: what `cnf.jkt` (RFC 9449 §6.1)
 * names. Undefined for a key type without one or a required member that is not a string.
 */
export function jwkThumbprint(jwk: Record<string, unknown>): string | undefined {
  const members = THUMBPRINT_MEMBERS[String(jwk['kty'])];
  if (members === undefined) return undefined;
  let canonical = '{';
  for (const member of members) {
    const value = jwk[member];
    if (typeof value !== 'string') return undefined;
    canonical += `${canonical.length > 1 ? ',' : ''}"${member}":${JSON.stringify(value)}`;
  }
  return hash('sha256', `${canonical}}`, 'base64url');
}
