import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebServerConfigError } from './web-server-config';

/**
 * Where the SPA's index.html (`apps/web/src/index.html`, `ngCspNonce`) leaves room for the CSP
 * nonce; nginx.conf's sub_filter puts each response's nonce there.
 */
export const CSP_NONCE_SLOT = '__CSP_NONCE__';

/** Refuses a static root that is not a production build of apps/web, before nginx serves it. */
export function checkSpaBuild(staticRoot: string): void {
  let indexHtml: string;
  try {
    indexHtml = readFileSync(join(staticRoot, 'index.html'), 'utf8');
  } catch {
    throw new WebServerConfigError(
      'WEB_STATIC_ROOT',
      `has no index.html (${staticRoot}): build the SPA with \`npx nx build web\``,
    );
  }
  if (!indexHtml.includes(CSP_NONCE_SLOT)) {
    throw new WebServerConfigError(
      'WEB_STATIC_ROOT',
      `holds an index.html without the ngCspNonce slot ${CSP_NONCE_SLOT} (${staticRoot}): not a build of apps/web`,
    );
  }
}
