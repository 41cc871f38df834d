import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderNginxFiles, type NginxTemplates } from './nginx-files';
import { loadWebServerConfig } from './web-server-config';

const templates: NginxTemplates = {
  'nginx.conf': readTemplate('nginx.conf'),
  'security-headers.conf': readTemplate('security-headers.conf'),
  'mime.types': readTemplate('mime.types'),
};

const env = {
  WEB_ISSUER: 'https://sso.example.com/realms/bank',
  WEB_CLIENT_ID: 'oracle-ai-web',
  WEB_API_BASE_URL: 'https://api.example.com/oracle-ai',
  WEB_SCOPE: 'openid profile email',
};

function render(extra: Record<string, string> = {}) {
  const config = loadWebServerConfig({ ...env, ...extra }, { staticRoot: '/srv/web/browser' });
  return renderNginxFiles(config, '/run/oracle-ai-web', templates);
}

function contentSecurityPolicy(headers: string): string {
  return /add_header Content-Security-Policy "([^"]+)" always;/.exec(headers)?.[1] ?? '';
}

describe('renderNginxFiles', () => {
  it('allows connections to this origin, the API origin and the IdP origin, nothing else', () => {
    const csp = contentSecurityPolicy(render()['security-headers.conf']);
    expect(csp).toContain("; connect-src 'self' https://api.example.com https://sso.example.com; ");
  });

  it('names an origin once when the API and the IdP share it', () => {
    const csp = contentSecurityPolicy(
      render({ WEB_API_BASE_URL: 'https://sso.example.com/api' })['security-headers.conf'],
    );
    expect(csp).toContain("; connect-src 'self' https://sso.example.com; ");
  });

  it('sends Strict-Transport-Security only when WEB_HSTS is on', () => {
    expect(render()['security-headers.conf']).not.toContain('Strict-Transport-Security');
    expect(render({ WEB_HSTS: 'true' })['security-headers.conf']).toContain(
      'add_header Strict-Transport-Security "max-age=31536000" always;',
    );
  });

  it('listens where WEB_HOST and WEB_PORT say, IPv6 in brackets', () => {
    expect(render()['nginx.conf']).toContain('listen 0.0.0.0:8080;');
    expect(render({ WEB_HOST: '::1', WEB_PORT: '4200' })['nginx.conf']).toContain(
      'listen [::1]:4200;',
    );
  });

  it('serves the build from the static root and config.json from the runtime directory', () => {
    const conf = render()['nginx.conf'];
    expect(conf).toContain('root "/srv/web/browser";');
    expect(conf).toContain('root "/run/oracle-ai-web";');
    expect(conf).not.toMatch(/\{\{\w+\}\}/);
  });

  it('writes config.json from the checked values', () => {
    expect(JSON.parse(render({ WEB_DPOP: 'true' })['config.json'])).toEqual({
      issuer: 'https://sso.example.com/realms/bank',
      clientId: 'oracle-ai-web',
      apiBaseUrl: 'https://api.example.com/oracle-ai',
      scope: 'openid profile email',
      customQueryParams: {},
      dpop: true,
    });
  });
});

function readTemplate(name: keyof NginxTemplates): string {
  return readFileSync(join(__dirname, '../nginx', name), 'utf8');
}
