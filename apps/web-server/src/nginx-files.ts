import { fillTemplate } from './fill-template';
import type { WebServerConfig } from './web-server-config';

/** The files in `apps/web-server/nginx/`, as read from the build output. */
export interface NginxTemplates {
  'nginx.conf': string;
  'security-headers.conf': string;
  'mime.types': string;
}

export type RuntimeFiles = NginxTemplates & { 'config.json': string };

/** Only under https: a browser ignores it over http, and it would pin a dev host name to https. */
const STRICT_TRANSPORT_SECURITY = 'add_header Strict-Transport-Security "max-age=31536000" always;';

/** What goes into the runtime directory that nginx then runs from. */
export function renderNginxFiles(
  config: WebServerConfig,
  runtimeDir: string,
  templates: NginxTemplates,
): RuntimeFiles {
  return {
    'nginx.conf': fillTemplate('nginx.conf', templates['nginx.conf'], {
      listen: listenAddress(config.host, config.port),
      staticRoot: config.staticRoot,
      runtimeDir,
    }),
    'security-headers.conf': fillTemplate(
      'security-headers.conf',
      templates['security-headers.conf'],
      {
        connectSrc: connectSources(config).join(' '),
        strictTransportSecurity: config.hsts ? STRICT_TRANSPORT_SECURITY : '',
      },
    ),
    'mime.types': templates['mime.types'],
    'config.json': `${JSON.stringify(config.spa, null, 2)}\n`,
  };
}

/** `'self'` for `/config.json`, then the API and the IdP: the only origins the SPA calls. */
function connectSources({ spa }: WebServerConfig): string[] {
  const origins = [new URL(spa.apiBaseUrl).origin, new URL(spa.issuer).origin];
  return ["'self'", ...new Set(origins)];
}

function listenAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
