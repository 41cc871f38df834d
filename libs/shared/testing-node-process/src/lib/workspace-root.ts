import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The Nx workspace root: the nearest folder with `nx.json` above this file (or above the cwd,
 * when loaded as ESM), so a helper finds `dist/…` whatever directory a test runs from.
 */
export function findWorkspaceRoot(): string {
  const starts = typeof __dirname === 'string' ? [__dirname, process.cwd()] : [process.cwd()];
  for (const start of starts) {
    for (let dir = start; ; dir = dirname(dir)) {
      if (existsSync(join(dir, 'nx.json'))) return dir;
      if (dirname(dir) === dir) break;
    }
  }
  throw new Error('cannot find the Nx workspace root (nx.json)');
}
