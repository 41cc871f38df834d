import { chmodSync, cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Run by root, nginx's workers read the built SPA as `nobody`, and a checkout may sit where others
 * cannot enter (a home directory, a `mktemp -d` clone): the web server then refuses to start, and
 * rightly. Tests then run a copy of the given build folders (`dist/...`, kept in that layout) from
 * a folder anyone can read; the caller removes it. Not root: `undefined`, the checkout is used.
 */
export function readableBuildCopy(
  workspaceRoot: string,
  parts: readonly string[],
): string | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const copy = mkdtempSync(join(tmpdir(), 'readable-build-'));
  chmodSync(copy, 0o755);
  for (const part of parts) {
    const from = join(workspaceRoot, part);
    if (!existsSync(from)) continue;
    cpSync(from, join(copy, part), { recursive: true });
    // The folders above the copied one, created by cpSync with the process's umask.
    for (let dir = dirname(part); dir !== '.'; dir = dirname(dir)) {
      chmodSync(join(copy, dir), 0o755);
    }
  }
  return copy;
}
