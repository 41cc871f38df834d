import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh HOME and XDG_CONFIG_HOME for one user of the command line; `remove()` when done. */
export function cliHome(): { env: NodeJS.ProcessEnv; sessionFile: string; remove(): void } {
  const home = mkdtempSync(join(tmpdir(), 'oracle-ai-cli-'));
  const config = join(home, '.config');
  return {
    env: { HOME: home, XDG_CONFIG_HOME: config },
    sessionFile: join(config, 'oracle-ai', 'session.json'),
    remove: () => rmSync(home, { recursive: true, force: true }),
  };
}
