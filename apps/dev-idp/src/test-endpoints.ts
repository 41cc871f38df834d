import type { IncomingMessage, ServerResponse } from 'node:http';

export const ROTATE_KEYS_PATH = '/dev/rotate-keys';

export interface RotatedKeys {
  kid: string;
  publishedKids: string[];
}

/**
 * `POST /dev/rotate-keys[?dropPrevious=true]` (only with DEV_IDP_ENABLE_TEST_ENDPOINTS=true):
 * lets tests exercise a relying party's JWKS refresh when the IdP rolls its signing key.
 */
export async function handleRotateKeys(
  req: IncomingMessage,
  res: ServerResponse,
  rotate: (dropPrevious: boolean) => Promise<RotatedKeys>,
): Promise<void> {
  if (req.method !== 'POST') {
    res.writeHead(405, { allow: 'POST', 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'method_not_allowed' }));
    return;
  }
  const dropPrevious =
    new URL(req.url ?? '/', 'http://localhost').searchParams.get('dropPrevious') === 'true';
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(await rotate(dropPrevious)));
}
