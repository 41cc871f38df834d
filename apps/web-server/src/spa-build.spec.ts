import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSpaBuild, CSP_NONCE_SLOT } from './spa-build';

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
      `WEB_STATIC_ROOT has no index.html (${root}): build the SPA with \`npx nx build web\``,
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
