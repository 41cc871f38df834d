import { DevIdpError, unreachable } from './dev-idp-error';

export interface RotatedSigningKeys {
  /** The key now signing new tokens. */
  kid: string;
  /** Every key in the JWKS, the signing one first. */
  publishedKids: string[];
}

/**
 * Makes a new signing key current (needs `enableTestEndpoints`). The previous key stays in the
 * JWKS until the next rotation unless `dropPrevious` removes it at once.
 */
export async function rotateSigningKeys(
  issuer: string,
  { dropPrevious = false }: { dropPrevious?: boolean } = {},
): Promise<RotatedSigningKeys> {
  const url = new URL('/dev/rotate-keys', issuer);
  if (dropPrevious) {
    url.searchParams.set('dropPrevious', 'true');
  }
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST' });
  } catch (error) {
    throw unreachable(issuer, error);
  }
  if (!response.ok) {
    throw new DevIdpError(
      'ERR_DEV_IDP_ROTATION_REFUSED',
      `key rotation refused (HTTP ${response.status}): start the dev IdP with enableTestEndpoints`,
    );
  }
  return (await response.json()) as RotatedSigningKeys;
}
