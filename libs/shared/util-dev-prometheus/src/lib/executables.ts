import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** What to tell someone whose machine has no Prometheus. */
export const PROMETHEUS_INSTALL_HINT =
  'install it with `sudo apt-get install -y prometheus` (Debian or Ubuntu; promtool comes with it), or put prometheus and promtool on PATH';

/** The path of an executable file `name` in one of the `PATH` directories, or undefined. */
export function findExecutable(
  name: string,
  path: string | undefined = process.env['PATH'],
): string | undefined {
  for (const dir of (path ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
