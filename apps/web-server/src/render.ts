import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkListenHostResolves, ConfigError, quoted } from '@oracle-ai/shared/util-env';
import { renderNginxFiles, type NginxTemplates } from './nginx-files';
import { checkReadableByWorkers, checkSpaBuild } from './spa-build';
import { loadWebServerConfig, type WebServerConfig } from './web-server-config';

/**
 * Start-up of the web server, before nginx: reads the WEB_* variables, writes nginx's runtime files
 * and prints the directory they are in (start-web-server.sh then runs nginx from it). A bad value
 * prints one line naming the variable and exits 1.
 */
async function main(): Promise<void> {
  let config: WebServerConfig;
  try {
    // The build output keeps the layout of dist/: dist/apps/web-server next to dist/apps/web.
    config = loadWebServerConfig(process.env, { staticRoot: join(__dirname, '../web/browser') });
    await checkListenHostResolves('WEB_HOST', config.host);
    checkSpaBuild(config.staticRoot);
    if (process.getuid?.() === 0) checkReadableByWorkers(config.staticRoot);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`web-server: invalid configuration: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const runtimeDir = prepareRuntimeDir(config.runtimeDir);
  const files = renderNginxFiles(config, runtimeDir, readTemplates());
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(runtimeDir, name), content, { mode: 0o644 });
  }
  process.stdout.write(`${runtimeDir}\n`);
}

/**
 * Readable by all: started as root, nginx runs its workers as `nobody`, and they read config.json
 * from here. Nothing in it is secret.
 */
function prepareRuntimeDir(configured: string | undefined): string {
  const dir = configured ?? mkdtempSync(join(tmpdir(), 'oracle-ai-web-'));
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
  return dir;
}

function readTemplates(): NginxTemplates {
  const read = (name: keyof NginxTemplates) => readFileSync(join(__dirname, 'nginx', name), 'utf8');
  return {
    'nginx.conf': read('nginx.conf'),
    'security-headers.conf': read('security-headers.conf'),
    'mime.types': read('mime.types'),
  };
}

main().catch((error: unknown) => {
  console.error(
    `web-server: failed to start: ${quoted(error instanceof Error ? error.message : String(error))}`,
  );
  process.exit(1);
});
