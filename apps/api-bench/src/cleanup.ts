import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killStartedProcesses } from '@oracle-ai/shared/testing-node-process';

/**
 * A normal end, an error, Ctrl-C or SIGTERM all leave nothing behind: every server and load
 * generator (all started through the shared process helper) is killed, the temp dirs go.
 */
const tempDirs = new Set<string>();

/** A private temp dir (token files), removed on exit if not before. */
export function createTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

/** Synchronous, so it also works from the `exit` event. */
function cleanUpSync(): void {
  killStartedProcesses();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

export function installCleanupHandlers(): void {
  process.once('exit', cleanUpSync);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      console.error(`\napi-bench: ${signal}, stopping every child process`);
      cleanUpSync();
      process.exit(130);
    });
  }
}
