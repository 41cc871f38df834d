import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, quoted } from '@oracle-ai/shared/util-env';

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
    throw new ConfigError(
      'WEB_STATIC_ROOT',
      `has no index.html (${quoted(staticRoot)}): build the SPA with \`npx nx build web\``,
    );
  }
  if (!indexHtml.includes(CSP_NONCE_SLOT)) {
    throw new ConfigError(
      'WEB_STATIC_ROOT',
      `holds an index.html without the ngCspNonce slot ${CSP_NONCE_SLOT} (${quoted(staticRoot)}): not a build of apps/web`,
    );
  }
}

/** nginx's workers when its master runs as root and nginx.conf names no `user`: `nobody`. */
export const NGINX_WORKER_IDS = { uid: 65534, gid: 65534 };

/**
 * Started as root, nginx reads the SPA as `nobody`: a build under a directory others cannot enter
 * (a home directory, a `mktemp -d`) would answer every request with 404. Asked as that user, so
 * modes and ACLs count as nginx will see them.
 */
export function checkReadableByWorkers(
  staticRoot: string,
  worker: { uid: number; gid: number } = NGINX_WORKER_IDS,
): void {
  const probe = spawnSync('test', ['-r', join(staticRoot, 'index.html')], { ...worker });
  // No `test` to ask with: nginx will say so itself (its 404s and error log).
  if (probe.error !== undefined) return;
  if (probe.status !== 0) {
    throw new ConfigError(
      'WEB_STATIC_ROOT',
      `is not readable by nginx's workers (uid ${worker.uid}) (${quoted(staticRoot)}): let others enter every directory above it and read the build`,
    );
  }
}
