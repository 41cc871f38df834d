import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkReadableByWorkers, checkSpaBuild, CSP_NONCE_SLOT } from './spa-build';

describe('checkSpaBuild', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'spa-build-'));
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('accepts an index.html with the nonce slot', () => {
    writeFileSync(join(root, 'index.html'), `<app-root ngcspnonce="${CSP_NONCE_SLOT}">`);
    expect(() => checkSpaBuild(root)).not.toThrow();
  });

  it('refuses a folder without index.html, naming WEB_STATIC_ROOT and the build command', () => {
    expect(() => checkSpaBuild(root)).toThrow(
      `WEB_STATIC_ROOT has no index.html ("${root}"): build the SPA with \`npx nx build web\``,
    );
  });

  it('refuses an index.html without the nonce slot', () => {
    writeFileSync(join(root, 'index.html'), '<app-root>');
    expect(() => checkSpaBuild(root)).toThrow(/^WEB_STATIC_ROOT holds an index.html without/);
  });

  it('is the slot the SPA leaves and the one nginx fills', () => {
    const workspace = join(__dirname, '../../..');
    const spaIndex = readFileSync(join(workspace, 'apps/web/src/index.html'), 'utf8');
    const nginxConf = readFileSync(join(workspace, 'apps/web-server/nginx/nginx.conf'), 'utf8');
    expect(spaIndex).toContain(`ngCspNonce="${CSP_NONCE_SLOT}"`);
    expect(nginxConf).toContain(`sub_filter "${CSP_NONCE_SLOT}" "$request_id";`);
  });
});

// Asking as another user needs root: as any other user nginx's workers run as that user too.
const asRoot = process.getuid?.() === 0 ? describe : describe.skip;

asRoot('checkReadableByWorkers', () => {
  let parent: string;
  let root: string;

  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), 'spa-readable-'));
    root = join(parent, 'browser');
    mkdirSync(root);
    writeFileSync(join(root, 'index.html'), `<app-root ngcspnonce="${CSP_NONCE_SLOT}">`);
    chmodSync(join(root, 'index.html'), 0o644);
    chmodSync(root, 0o755);
  });

  afterEach(() => {
    rmSync(parent, { recursive: true, force: true });
  });

  it('accepts a build the workers can read', () => {
    chmodSync(parent, 0o755);
    expect(() => checkReadableByWorkers(root)).not.toThrow();
  });

  it('refuses a build under a directory others cannot enter, naming WEB_STATIC_ROOT', () => {
    chmodSync(parent, 0o700);
    expect(() => checkReadableByWorkers(root)).toThrow(
      `WEB_STATIC_ROOT is not readable by nginx's workers (uid 65534) ("${root}"): let others enter every directory above it and read the build`,
    );
  });
});
